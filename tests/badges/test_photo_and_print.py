"""ID photo upload (page and REST) and batch printing (page and REST), with
the users who may not do them."""

from base64 import b64encode
import io
from PIL import Image
from plone import api
import pytest
import requests
from sirhp.policy.setuphandlers.photos import synthetic_photo
import subprocess
import tempfile
from tests.badges.conftest import give_photo
from tests.badges.conftest import request_badge
import transaction

JSON = {"Accept": "application/json"}


def _exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "FakeCam"  # Make
    exif[0x0110] = "Model-Z"  # Model
    exif[0x8825] = {1: "N", 2: (12.0, 39.0, 0.0), 3: "W", 4: (8.0, 0.0, 0.0)}
    return exif


def _auth(testdata, user):
    return (user, testdata.PASSWORD)


def _url(portal, testdata, name):
    return f"{portal.absolute_url()}/{testdata.path_of(name)}"


# --- REST @photo ---------------------------------------------------------


def test_rest_photo_strips_exif_crops_and_versions(functional, testdata):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        history = repository.getHistoryMetadata(file)
        versions_before = history.getLength(countPurged=False) if history else 0
    data = synthetic_photo(5, 800, 1000, exif=_exif_with_gps())
    assert b"FakeCam" in data
    response = requests.post(
        _url(portal, testdata, "pn_draft") + "/@photo",
        json={"data": b64encode(data).decode(), "crop": [100, 100, 560, 720]},
        auth=_auth(testdata, "clerk.pn"),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 200, response.text
    transaction.begin()
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    for field in ("photo", "photo_original"):
        stored = getattr(file, field).data
        assert b"FakeCam" not in stored and b"Model-Z" not in stored
        assert not Image.open(io.BytesIO(stored)).getexif()
    width, height = Image.open(io.BytesIO(file.photo.data)).size
    assert abs(width / height - 7 / 9) < 0.02
    assert file.photo_crop == "100,100,560,720"
    assert Image.open(io.BytesIO(file.photo_original.data)).size == (800, 1000)
    # the served image has no metadata either
    served = requests.get(
        response.json()["photo"], auth=_auth(testdata, "clerk.pn"), timeout=30
    )
    assert served.status_code == 200
    assert b"FakeCam" not in served.content
    with api.env.adopt_roles(["Manager"]):
        history = repository.getHistoryMetadata(file)
        assert history.getLength(countPurged=False) == versions_before + 1


@pytest.mark.parametrize(
    "payload, message",
    [
        (
            {"data": b64encode(b"<svg xmlns='http://www.w3.org/2000/svg'/>").decode()},
            "n'est pas une image",
        ),
        ({"data": b64encode(b"%PDF-1.4 nothing").decode()}, "n'est pas une image"),
        ({"data": ""}, "vide"),
        ({"data": "%%%"}, "base64"),
        ({"nothing": 1}, "base64"),
        ({"data": b64encode(synthetic_photo(1, 200, 260)).decode()}, "trop petite"),
    ],
)
def test_rest_photo_refusals(functional, testdata, payload, message):
    portal = functional["portal"]
    response = requests.post(
        _url(portal, testdata, "pn_draft") + "/@photo",
        json=payload,
        auth=_auth(testdata, "clerk.pn"),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 400
    assert message in response.json()["message"]
    transaction.begin()
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    assert getattr(file, "photo", None) is None
    assert getattr(file, "photo_original", None) is None


@pytest.mark.parametrize(
    "user, name",
    [
        ("reviewer.pn", "pn_draft"),  # reviewers do not edit
        ("clerk.ocs", "pn_draft"),  # other agency
        ("commander.pn", "pn_validated"),
        ("auditor", "pn_validated"),
        ("officer", "pn_validated"),  # the officer concerned
    ],
)
def test_photo_refused_to(functional, testdata, user, name):
    portal = functional["portal"]
    if user == "officer":
        user = testdata.FILES["pn_validated"]
    data = b64encode(synthetic_photo(2)).decode()
    rest = requests.post(
        _url(portal, testdata, name) + "/@photo",
        json={"data": data},
        auth=_auth(testdata, user),
        headers=JSON,
        timeout=30,
    )
    assert rest.status_code in (401, 403, 404)
    page = requests.get(
        _url(portal, testdata, name) + "/@@photo-identite",
        auth=_auth(testdata, user),
        timeout=30,
        allow_redirects=False,
    )
    assert page.status_code in (302, 401, 403, 404)
    transaction.begin()
    assert (
        getattr(portal.unrestrictedTraverse(testdata.path_of(name)), "photo", None)
        is None
    )


def test_rest_photo_field_not_writable_by_patch(functional, testdata):
    portal = functional["portal"]
    response = requests.patch(
        _url(portal, testdata, "pn_draft"),
        json={"photo": {"data": "eA==", "encoding": "base64", "filename": "x.jpg"}},
        auth=_auth(testdata, "clerk.pn"),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 403


def test_photo_page_upload(functional, testdata):
    portal = functional["portal"]
    session = requests.Session()
    session.auth = _auth(testdata, "clerk.pn")
    url = _url(portal, testdata, "pn_draft") + "/@@photo-identite"
    page = session.get(url, timeout=30)
    assert page.status_code == 200
    token = page.text.split('name="_authenticator" value="')[1].split('"')[0]
    bad = session.post(
        url,
        data={"_authenticator": token, "crop": "", "form.submitted": "1"},
        files={"photo": ("x.svg", b"<svg/>", "image/jpeg")},
        timeout=30,
    )
    assert bad.status_code == 400
    assert "pas une image" in bad.text
    good = session.post(
        url,
        data={"_authenticator": token, "crop": "10,10,350,450", "form.submitted": "1"},
        files={"photo": ("p.jpg", synthetic_photo(3), "image/jpeg")},
        timeout=30,
        allow_redirects=False,
    )
    assert good.status_code == 302
    transaction.begin()
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    assert Image.open(io.BytesIO(file.photo.data)).size == (350, 450)


def test_photo_page_needs_csrf_token(functional, testdata):
    portal = functional["portal"]
    response = requests.post(
        _url(portal, testdata, "pn_draft") + "/@@photo-identite",
        data={"crop": "", "form.submitted": "1"},
        files={"photo": ("p.jpg", synthetic_photo(3), "image/jpeg")},
        auth=_auth(testdata, "clerk.pn"),
        timeout=30,
    )
    assert response.status_code == 403
    transaction.begin()
    assert (
        getattr(
            portal.unrestrictedTraverse(testdata.path_of("pn_draft")), "photo", None
        )
        is None
    )


# --- Batch printing ------------------------------------------------------


@pytest.fixture
def requested(functional, testdata):
    portal = functional["portal"]
    badges = []
    for index, name in enumerate(("pn_validated", "pn_validated2")):
        file = portal.unrestrictedTraverse(testdata.path_of(name))
        give_photo(file, seed=index)
        badges.append(request_badge(file))
    transaction.commit()
    return badges


def _decode(pdf, page):
    with tempfile.TemporaryDirectory() as tmp:
        with open(f"{tmp}/c.pdf", "wb") as out:
            out.write(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "300",
                "-f",
                str(page),
                "-l",
                str(page),
                "-png",
                f"{tmp}/c.pdf",
                f"{tmp}/p",
            ],
            check=True,
        )
        png = subprocess.run(
            ["bash", "-c", f"ls {tmp}/p*.png"], capture_output=True, text=True
        ).stdout.split()[0]
        out = subprocess.run(["zbarimg", "-q", png], capture_output=True, text=True)
        return out.stdout


def test_rest_batch_print_records_and_decodes(functional, testdata, requested):
    portal = functional["portal"]
    response = requests.post(
        f"{portal.absolute_url()}/police-nationale/@badge-print",
        json={"badges": [b.UID() for b in requested], "layout": "card"},
        auth=_auth(testdata, "clerk.pn"),
        headers=JSON,
        timeout=60,
    )
    assert response.status_code == 201, response.text
    data = response.json()
    assert sorted(data["cards"]) == sorted(b.card_number for b in requested)
    pdf = requests.get(data["pdf"], auth=_auth(testdata, "clerk.pn"), timeout=30)
    assert pdf.headers["Content-Type"] == "application/pdf"
    transaction.begin()
    for badge in requested:
        assert (
            api.content.get_state(portal.unrestrictedTraverse(badge.getPhysicalPath()))
            == "printed"
        )
    first = sorted(requested, key=lambda b: b.card_number)[0]
    decoded = _decode(pdf.content, 2)
    from sirhp.content.badges.api import verification_url

    assert f"QR-Code:{verification_url(badge=first)}" in decoded
    assert f"CODE-128:{first.card_number}" in decoded
    batch = portal.unrestrictedTraverse(
        data["@id"].replace(portal.absolute_url() + "/", "")
    )
    assert batch.portal_type == "BadgePrintBatch"
    assert batch.Creator() == "clerk.pn"
    # the record cannot be edited or deleted by the clerk
    assert not api.user.has_permission(
        "Modify portal content", username="clerk.pn", obj=batch
    )
    assert not api.user.has_permission("Delete objects", username="clerk.pn", obj=batch)
    assert api.user.has_permission("View", username="auditor", obj=batch)
    assert not api.user.has_permission("View", username="clerk.ocs", obj=batch)


def test_batch_print_page_a4(functional, testdata, requested):
    portal = functional["portal"]
    session = requests.Session()
    session.auth = _auth(testdata, "clerk.pn")
    url = f"{portal.absolute_url()}/police-nationale/@@impression-cartes"
    page = session.get(url, timeout=30)
    assert page.status_code == 200
    for badge in requested:
        assert badge.card_number in page.text
    token = page.text.split('name="_authenticator" value="')[1].split('"')[0]
    response = session.post(
        url,
        data={
            "_authenticator": token,
            "uids:list": [b.UID() for b in requested],
            "layout": "a4",
            "form.submitted": "1",
        },
        timeout=60,
    )
    assert response.status_code == 200
    assert "Télécharger le PDF" in response.text
    pdf_url = response.text.split('id="batch-pdf" href="')[1].split('"')[0]
    pdf = session.get(pdf_url, timeout=30)
    info = subprocess.run(
        ["pdfinfo", "-"], input=pdf.content, capture_output=True
    ).stdout.decode()
    assert "Pages:           2" in info
    assert "595.276 x 841.89" in info


@pytest.mark.parametrize(
    "user", ["reviewer.pn", "commander.pn", "auditor", "clerk.ocs", "officer"]
)
def test_batch_print_refused(functional, testdata, requested, user):
    portal = functional["portal"]
    if user == "officer":
        user = testdata.FILES["pn_validated"]
    response = requests.post(
        f"{portal.absolute_url()}/police-nationale/@badge-print",
        json={"badges": [b.UID() for b in requested]},
        auth=_auth(testdata, user),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code in (401, 403)
    page = requests.get(
        f"{portal.absolute_url()}/police-nationale/@@impression-cartes",
        auth=_auth(testdata, user),
        timeout=30,
        allow_redirects=False,
    )
    assert page.status_code in (302, 401, 403)
    transaction.begin()
    for badge in requested:
        assert (
            api.content.get_state(portal.unrestrictedTraverse(badge.getPhysicalPath()))
            == "requested"
        )


def test_ocs_clerk_cannot_print_pn_badges_through_own_agency(
    functional, testdata, requested
):
    portal = functional["portal"]
    response = requests.post(
        f"{portal.absolute_url()}/ocs/@badge-print",
        json={"badges": [b.UID() for b in requested]},
        auth=_auth(testdata, "clerk.ocs"),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 400
    assert "introuvables" in response.json()["message"]
    transaction.begin()
    assert not [
        o for o in portal.ocs.objectValues() if o.portal_type == "BadgePrintBatch"
    ]


@pytest.mark.parametrize(
    "payload",
    [
        {"badges": []},
        {"badges": "x"},
        {"badges": [1]},
        {"badges": ["x"], "layout": "A3"},
    ],
)
def test_batch_print_bad_input(functional, testdata, requested, payload):
    portal = functional["portal"]
    response = requests.post(
        f"{portal.absolute_url()}/police-nationale/@badge-print",
        json=payload,
        auth=_auth(testdata, "clerk.pn"),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 400
    assert response.json()["message"]


def test_badge_rest_revoke_with_reason(functional, testdata, requested):
    portal = functional["portal"]
    badge = requested[0]
    url = badge.absolute_url() + "/@workflow/revoke"
    refused = requests.post(
        url,
        json={"comment": "x"},
        auth=_auth(testdata, "hrmanager.pn"),
        headers=JSON,
        timeout=30,
    )
    assert refused.status_code == 400
    assert "motif de révocation" in refused.json()["error"]["message"]
    ok = requests.post(
        url,
        json={"comment": "perdue au marché", "revocation_reason": "lost"},
        auth=_auth(testdata, "hrmanager.pn"),
        headers=JSON,
        timeout=30,
    )
    assert ok.status_code == 200, ok.text
    transaction.begin()
    badge = portal.unrestrictedTraverse(badge.getPhysicalPath())
    assert api.content.get_state(badge) == "revoked"
    assert badge.revocation_reason == "lost"


def test_badge_rest_cannot_set_card_number(functional, testdata, requested):
    response = requests.patch(
        requested[0].absolute_url(),
        json={"card_number": "PN-0000-0000-0"},
        auth=_auth(testdata, "clerk.pn"),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 403


def test_officer_sees_own_card_once_printed(functional, testdata, requested):
    from tests.badges.conftest import print_badge

    portal = functional["portal"]
    officer = (testdata.FILES["pn_validated"], testdata.PASSWORD)
    badge = requested[0]
    page = requests.get(
        _url(portal, testdata, "pn_validated"), auth=officer, timeout=30
    )
    assert page.status_code == 200
    assert badge.card_number not in page.text  # only requested: no card yet
    print_badge(badge)
    transaction.commit()
    page = requests.get(
        _url(portal, testdata, "pn_validated"), auth=officer, timeout=30
    )
    assert badge.card_number in page.text
    own = requests.get(badge.absolute_url(), auth=officer, timeout=30)
    assert own.status_code == 200
    assert "@@carte/" in own.text
    # no transition offered to the officer
    assert "sirhp-transition-revoke" not in own.text
    other = requests.get(
        requested[1].absolute_url(),
        auth=(testdata.FILES["pn_validated2"], testdata.PASSWORD),
        timeout=30,
        allow_redirects=False,
    )
    assert other.status_code in (302, 401, 403, 404)


def test_print_page_filters_by_unit(functional, testdata, requested):
    portal = functional["portal"]
    unit = requested[0].__parent__.unit.to_object
    other_unit = portal.unrestrictedTraverse("police-nationale/dr-kayes")
    auth = _auth(testdata, "clerk.pn")
    url = f"{portal.absolute_url()}/police-nationale/@@impression-cartes"
    page = requests.get(url, params={"unit": unit.UID()}, auth=auth, timeout=30).text
    assert requested[0].card_number in page
    page = requests.get(
        url, params={"unit": other_unit.UID()}, auth=auth, timeout=30
    ).text
    assert requested[0].card_number not in page


def test_new_photo_on_validated_file_is_a_change_request(functional, testdata):
    portal = functional["portal"]
    url = _url(portal, testdata, "pn_validated")
    data = b64encode(synthetic_photo(8, 700, 900, exif=_exif_with_gps())).decode()
    refused = requests.post(
        url + "/@photo",
        json={"data": data},
        auth=_auth(testdata, "clerk.pn"),
        headers=JSON,
        timeout=30,
    )
    assert refused.status_code == 400  # a justification is required
    response = requests.post(
        url + "/@photo",
        json={"data": data, "justification": "Photo de la nouvelle carte"},
        auth=_auth(testdata, "clerk.pn"),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 202, response.text
    transaction.begin()
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert getattr(file, "photo", None) is None  # unchanged until approval
    request_url = response.headers["Location"]
    page = requests.get(request_url, auth=_auth(testdata, "reviewer.pn"), timeout=30)
    assert "@@images/new_photo" in page.text
    approved = requests.post(
        f"{request_url}/@workflow/approve",
        json={"comment": "Conforme"},
        auth=_auth(testdata, "reviewer.pn"),
        headers=JSON,
        timeout=30,
    )
    assert approved.status_code == 200, approved.text
    transaction.begin()
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert file.photo is not None
    assert (
        b"FakeCam" not in file.photo.data and b"FakeCam" not in file.photo_original.data
    )
    width, height = Image.open(io.BytesIO(file.photo.data)).size
    assert abs(width / height - 7 / 9) < 0.02
