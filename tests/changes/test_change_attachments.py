"""A change request's supporting scan gets the checks of scanned documents:
active or broken PDFs and pixel bombs refused, images stored as one PDF
without their metadata; through ``propose`` (every channel), REST
``POST @change-requests`` and the officer's *Mon dossier* form."""

from base64 import b64encode
from plone import api
from plone.app.testing import login
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from plone.namedfile.file import NamedBlobFile
import pytest
import requests
from sirhp.content.changes import api as changes
from tests.documents import files
from tests.unit.test_document_active_content import _gotor
from tests.unit.test_document_active_content import _images_of
from tests.unit.test_document_active_content import _jpeg_with_exif
from tests.unit.test_document_active_content import _open_action
from tests.unit.test_document_active_content import _pdf
from tests.unit.test_document_active_content import _uri
from tests.unit.test_document_active_content import GPS_MARKER
import transaction
from zExceptions import BadRequest

JSON = {"Accept": "application/json"}

REFUSED = {
    "javascript": files.pdf_with_javascript,
    "openaction-uri": lambda: _pdf(_open_action(_uri())),
    "gotor-share": lambda: _pdf(_open_action(_gotor())),
    "embedded-file": files.pdf_with_attachment,
    "png-bomb": files.png_bomb,
    "broken-pdf": lambda: b"%PDF-1.4 acte",
    "html": lambda: b"<html><script>alert(1)</script></html>",
}


def _file(portal, testdata):
    return portal.unrestrictedTraverse(testdata.path_of("pn_validated"))


def _requests_of(file):
    return [o for o in file.objectValues() if o.portal_type == "ChangeRequest"]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused(portal, testdata, name):
    file = _file(portal, testdata)
    login(portal, "clerk.pn")
    with pytest.raises(changes.ChangeError, match="Pièce justificative"):
        changes.propose(
            target=file,
            changes={"birth_place": "Kati"},
            justification="Acte de naissance",
            attachment=(f"{name}.pdf", REFUSED[name]()),
        )
    assert not _requests_of(file)


def test_image_stored_as_pdf_without_metadata(portal, testdata):
    file = _file(portal, testdata)
    login(portal, "clerk.pn")
    request = changes.propose(
        target=file,
        changes={"birth_place": "Kati"},
        justification="Acte de naissance",
        attachment=("acte.jpg", _jpeg_with_exif()),
    )
    stored = request.attachment
    assert stored.contentType == "application/pdf"
    assert stored.filename == "acte.pdf"
    assert stored.data.startswith(b"%PDF-")
    assert GPS_MARKER.encode() not in stored.data
    assert all(b"Exif" not in image for image in _images_of(stored.data))


def test_code_cannot_store_an_unchecked_scan(portal, testdata):
    file = _file(portal, testdata)
    request = createContent("ChangeRequest", justification="x")
    request.target_uid = file.UID()
    request.proposed = {"birth_place": "Kati"}
    request.attachment = NamedBlobFile(
        data=_jpeg_with_exif(), contentType="image/jpeg", filename="acte.jpg"
    )
    with api.env.adopt_roles(["Manager"]):
        with pytest.raises(BadRequest, match="Pièce justificative"):
            addContentToContainer(file, request, checkConstraints=False)


def _token(html):
    return html.split('name="_authenticator" value="')[1].split('"')[0]


def test_http_channels_refuse_active_pdf(functional, testdata):
    portal = functional["portal"]
    file = _file(portal, testdata)
    officer = (testdata.FILES["pn_validated"], testdata.PASSWORD)
    active = files.pdf_with_javascript()
    rest = requests.post(
        f"{file.absolute_url()}/@change-requests",
        json={
            "changes": {"birth_place": "Kati"},
            "justification": "Acte de naissance",
            "attachment": {"data": b64encode(active).decode(), "filename": "a.pdf"},
        },
        auth=("clerk.pn", testdata.PASSWORD),
        headers=JSON,
        timeout=30,
    )
    assert rest.status_code == 400, rest.text
    assert "JavaScript" in rest.json()["message"]
    url = f"{portal.absolute_url()}/@@mon-dossier"
    session = requests.Session()
    session.auth = officer
    page = session.get(url, timeout=30).text
    form = session.post(
        url,
        data={
            "_authenticator": _token(page),
            "champ": f"{file.UID()}|birth_place",
            "valeur": "Ségou",
            "commentaire": "Voir l'acte joint.",
        },
        files={"piece": ("acte.pdf", active, "application/pdf")},
        timeout=30,
    )
    assert form.status_code == 400
    assert "JavaScript" in form.text
    transaction.begin()
    assert not _requests_of(file)
