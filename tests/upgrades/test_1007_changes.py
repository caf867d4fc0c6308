"""The data fix of the change-request and versioning holes, on a site that
holds what the holes left: versioning switched off, unchecked scans on
change requests, a clerk's pending request on medical fields."""

from plone import api
from plone.app.testing import login
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from plone.namedfile.file import NamedBlobFile
from sirhp.content.changes import api as changes
from sirhp.policy.upgrades.v1007_changes import upgrade
from tests.documents import files
from tests.unit.test_document_active_content import _images_of
from tests.unit.test_document_active_content import _jpeg_with_exif
from tests.unit.test_document_active_content import GPS_MARKER


def _history_length(obj):
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        history = repository.getHistoryMetadata(obj)
        return history.getLength(countPurged=False) if history else 0


def _old_request(file, creator, proposed, attachment=None):
    """A request as the old code stored it (no field or scan check)."""
    request = createContent("ChangeRequest", justification="Ancienne demande")
    request.target_uid = file.UID()
    request.target_title = file.Title()
    request.base_version = changes.current_version(file)
    request.proposed = proposed
    request.current = {name: getattr(file, name, None) for name in proposed}
    request.kind = "staff"
    request.creators = (creator,)
    request.id = "demande"
    with api.env.adopt_roles(["Manager"]):
        request = addContentToContainer(file, request, checkConstraints=False)
    if attachment is not None:
        request.attachment = attachment  # set after the add: no check ran
    return request


def test_upgrade(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    versions = _history_length(file)
    assert versions >= 1
    repository = api.portal.get_tool("portal_repository")
    file.versioning_enabled = False
    assert not repository.isVersionable(file)  # no history shown, no new version
    image = _old_request(
        file,
        "clerk.pn",
        {"birth_place": "Kati"},
        NamedBlobFile(_jpeg_with_exif(), contentType="image/jpeg", filename="a.jpg"),
    )
    active = _old_request(
        file,
        "clerk.pn",
        {"phone": "+223 70 00 00 00"},
        NamedBlobFile(
            files.pdf_with_javascript(), contentType="application/pdf", filename="b.pdf"
        ),
    )
    clean_pdf = files.text_pdf()
    clean = _old_request(
        file,
        "clerk.pn",
        {"position": "Adjoint"},
        NamedBlobFile(clean_pdf, contentType="application/pdf", filename="c.pdf"),
    )
    medical = _old_request(file, "clerk.pn", {"medical_notes": "Note de greffe"})
    hr = _old_request(file, "hrmanager.pn", {"medical_notes": "Note des RH"})
    login(portal, "siteadmin")

    result = upgrade(portal.portal_setup)

    assert file.versioning_enabled is True
    assert repository.isVersionable(file)
    assert _history_length(file) == versions
    stored = image.attachment
    assert stored.contentType == "application/pdf" and stored.filename == "a.pdf"
    assert GPS_MARKER.encode() not in stored.data
    assert all(b"Exif" not in data for data in _images_of(stored.data))
    assert active.attachment is None
    assert clean.attachment.data == clean_pdf
    assert api.content.get_state(medical) == "rejected"
    assert "« Observations médicales »" in medical.decision_comment
    assert api.content.get_state(hr) == "pending"
    assert api.content.get_state(image) == "pending"
    assert len(result["rejected"]) == 1

    again = upgrade(portal.portal_setup)  # re-runnable: nothing left to do
    assert again == {
        "versioning": [],
        "converted": [],
        "removed": [],
        "rejected": [],
        "restricted": [],
    }
