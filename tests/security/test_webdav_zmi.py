"""No WebDAV/FTP and no Zope management screens on SIRHP content but for
administrators.

Dexterity served every field of a file (blood group and medical notes
whatever their read permission) as RFC 822 text from ``manage_FTPget``,
``manage_DAVget`` and ``_data/...`` to anyone who could View it, with no
journal line; and Plone gives the creator of an object (Owner) the Zope
management screens and properties: ``manage_main`` listed the ids of hidden
medical and disciplinary records, ``manage_editProperties``,
``manage_addProperty`` and ``manage_interfaces`` changed validated files
with no version and no journal line.

In process: every ``manage*`` name and every WebDAV method of one object of
each SIRHP type is refused to every persona but the few content operations
Plone's own pages call. Over HTTP: the planted medical values and the hidden
record's id never appear, nothing changes, refusals are journaled.
"""

from AccessControl.ZopeGuards import guarded_getattr
from plone import api
from plone.app.redirector.interfaces import IRedirectionStorage
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.namedfile.file import NamedBlobFile
import pytest
import requests
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from tests.security import sirhp_objects
from tests.security.audit_helpers import auth
from tests.security.audit_helpers import events_since
from tests.security.audit_helpers import last_id
from tests.security.audit_helpers import refused_page
import transaction
from zExceptions import Unauthorized
from zope.component import getUtility

# clerk.pn created the file and the records (Owner)
PERSONAS = (
    "clerk.pn",
    "reviewer.pn",
    "hrmanager.pn",
    "commander.pn",
    "officer",
    "auditor",
)
# The WebDAV/FTP face of Zope and Dexterity objects
WEBDAV_NAMES = (
    "manage_DAVget",
    "manage_FTPget",
    "listDAVObjects",
    "PROPFIND",
    "PROPPATCH",
    "PUT",
    "PUT_factory",
    "MKCOL_handler",
    "LOCK",
    "UNLOCK",
    "COPY",
    "MOVE",
)
# Plone's folder operations (its pages and REST call them), each guarded by
# the content permission the workflows set: not management screens.
CONTENT_OPERATIONS = frozenset(
    {
        "manage_copyObjects",
        "manage_cutObjects",
        "manage_pasteObjects",
        "manage_renameObject",
        "manage_renameObjects",
        "manage_delObjects",
    }
)
# HTTP methods guarded like the pages: View (HEAD), Delete objects (DELETE,
# as the delete form), nothing to read (OPTIONS, TRACE).
HTTP_METHODS = ("HEAD", "DELETE", "OPTIONS", "TRACE")
VIEWS = ("manage_interfaces", "edit-markers.html")
OFFICER_STATES = {
    "PersonnelFile": "validated",
    "ScannedDocument": "validated",
    "CareerEvent": "validated",
    "Badge": "printed",
}


def _login(persona, testdata):
    return testdata.FILES["pn_validated"] if persona == "officer" else persona


def _management_names(obj):
    names = {name for name in dir(obj) if name.startswith("manage")}
    names |= set(WEBDAV_NAMES)
    return sorted(
        name
        for name in names - CONTENT_OPERATIONS
        if not name.endswith("__roles__") and hasattr(obj, name)
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_management_and_webdav_names_refused(portal, testdata, persona):
    objects = sirhp_objects.build(portal, testdata)
    for name, state in OFFICER_STATES.items():
        sirhp_objects.set_state(objects[name], state)
    allowed = []
    with api.env.adopt_user(username=_login(persona, testdata)):
        for portal_type, obj in objects.items():
            for name in _management_names(obj):
                try:
                    guarded_getattr(obj, name)
                except Unauthorized:
                    continue
                allowed.append((portal_type, name))
            for view in VIEWS:
                try:
                    obj.restrictedTraverse(f"@@{view}")
                except Unauthorized:
                    continue
                allowed.append((portal_type, view))
    assert allowed == []


def test_the_persona_sees_what_is_refused(portal, testdata):
    """The refusals above are not for want of View (of the file, at least),
    and the names they skip exist."""
    objects = sirhp_objects.build(portal, testdata)
    for name, state in OFFICER_STATES.items():
        sirhp_objects.set_state(objects[name], state)
    file = objects["PersonnelFile"]
    for persona in PERSONAS:
        login = _login(persona, testdata)
        assert api.user.has_permission("View", username=login, obj=file), persona
    for name in ("HEAD", *CONTENT_OPERATIONS):
        assert hasattr(file, name)
    assert set(HTTP_METHODS) <= set(dir(file))


# --- over HTTP ---------------------------------------------------------------

NOTES = "NOTE-MEDICALE-WEBDAV-7731"
HIDDEN_ID = "certificat-cache"
HIDDEN_REFERENCE = "REF-CERTIFICAT-9902"
MARKERS = (NOTES, HIDDEN_ID, HIDDEN_REFERENCE, "blood_group", "medical_notes")


@pytest.fixture
def planted(functional, testdata):
    """Officer A's validated file with medical values and a restricted
    medical document only HR managers, auditors and the officer may see."""
    portal = functional["portal"]
    transaction.begin()
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    file.medical_notes = NOTES
    file.blood_group = "AB-"
    with api.env.adopt_user(username="hrmanager.pn"):
        api.content.create(
            container=file,
            type="ScannedDocument",
            id=HIDDEN_ID,
            document_type="certificat-medical",
            reference=HIDDEN_REFERENCE,
            file=NamedBlobFile(data=tiny_pdf(["Certificat"]), filename="c.pdf"),
        )
    transaction.commit()
    return portal, file


READS = (
    ("GET", "manage_FTPget"),
    ("GET", "manage_DAVget"),
    ("GET", "_data/manage_FTPget"),
    ("GET", "_data/manage_DAVget"),
    ("GET", "_data"),
    ("PROPFIND", ""),
    ("PROPFIND", "_data"),
    ("GET", "manage_main"),
    ("GET", "manage_workspace"),
    ("GET", "manage_propertiesForm"),
    ("GET", "manage_interfaces"),
    ("GET", "manage_access"),
    ("GET", "manage_owner"),
    ("GET", "manage_addProduct/OFSP/folderAdd"),
    # FTP listings and raw sources: not on Dexterity content (404)
    ("GET", "manage_FTPlist"),
    ("GET", "manage_FTPstat"),
    ("GET", "document_src"),
    ("GET", "manage_UndoForm"),
)
WRITES = (
    ("POST", "manage_editProperties", {"title": "Titre pirate"}),
    ("POST", "manage_changeProperties", {"title": "Titre pirate"}),
    ("POST", "manage_addProperty", {"id": "pirate", "type": "string", "value": "x"}),
    (
        "POST",
        "manage_permission",
        {"permission_to_manage": "View", "roles": "Anonymous"},
    ),
    ("POST", "manage_takeOwnership", {}),
    ("PUT", "", "medical_notes: remplacee\n"),
    ("PROPPATCH", "", ""),
    ("LOCK", "", ""),
)


def _request(method, url, login, data=None):
    return requests.request(
        method,
        url,
        auth=auth(login),
        data=data,
        headers={"Depth": "1"} if method == "PROPFIND" else {},
        allow_redirects=False,
        timeout=30,
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_webdav_and_management_refused_over_http(planted, testdata, persona):
    portal, file = planted
    login = _login(persona, testdata)
    title = file.title
    start = last_id()
    for method, path in READS:
        response = _request(method, f"{file.absolute_url()}/{path}", login)
        assert refused_page(response), (method, path, response.status_code)
        for marker in MARKERS:
            assert marker not in response.text, (method, path, marker)
    for method, path, data in WRITES:
        response = _request(method, f"{file.absolute_url()}/{path}", login, data)
        assert refused_page(response), (method, path, response.status_code)
    transaction.begin()
    assert file.title == title
    assert file.medical_notes == NOTES
    assert not file.hasProperty("pirate")
    assert file.getOwner().getId() == "clerk.pn"
    assert "View" not in [
        p["name"] for p in file.permissionsOfRole("Anonymous") if p["selected"]
    ]
    assert not file.wl_isLocked()
    denied = [event["detail"] for event in events_since(start, action="denied")]
    assert any("manage_FTPget" in detail for detail in denied), denied


def test_creator_cannot_revert_a_validated_file(planted, testdata):
    """CMFEditions gave Owner "Revert to previous versions": the clerk who
    created a file brought the validated file back to an old version."""
    portal, file = planted
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        file.position = "Poste validé en dernier"
        repository.save(file, comment="Nomination")
    transaction.commit()
    response = requests.patch(
        f"{file.absolute_url()}/@history",
        json={"version": 0},
        auth=auth("clerk.pn"),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code in (401, 403, 404), response.text
    transaction.begin()
    assert file.position == "Poste validé en dernier"


def test_creator_cannot_alias_a_file(planted, testdata):
    """Plone gave Owner "Manage Context Aliases": a clerk redirected any
    path of the site to a file."""
    portal, file = planted
    response = requests.post(
        f"{file.absolute_url()}/@aliases",
        json={"items": [{"path": "/police-nationale/alias-pirate"}]},
        auth=auth("clerk.pn"),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code in (401, 403, 404), response.text
    transaction.begin()
    storage = getUtility(IRedirectionStorage)
    assert not storage.has_path(
        f"{portal.absolute_url_path()}/police-nationale/alias-pirate"
    )


def test_administrators_keep_the_management_screens(planted):
    """Manager keeps WebDAV and the ZMI (SITE_OWNER is a Zope Manager)."""
    portal, file = planted
    for path in ("manage_FTPget", "manage_main"):
        response = requests.get(
            f"{file.absolute_url()}/{path}",
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
            timeout=30,
        )
        assert response.status_code == 200, path
