"""The audit journal records each kind of event (functional: real HTTP)."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests
from sirhp.policy.audit import db
from sirhp.policy.audit.journal import get_journal
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from tests.security.audit_helpers import clear_login_failures
from tests.security.audit_helpers import events_since
from tests.security.audit_helpers import get
from tests.security.audit_helpers import JSON
from tests.security.audit_helpers import last_id
import transaction


@pytest.fixture
def portal(functional):
    yield functional["portal"]
    clear_login_failures()


@pytest.fixture
def start():
    return last_id()


def file_url(portal, testdata, name):
    return f"{portal.absolute_url()}/{testdata.path_of(name)}"


def test_file_page_view(portal, testdata, start):
    response = get(file_url(portal, testdata, "pn_validated"), "clerk.pn")
    assert response.status_code == 200
    (event,) = events_since(start, action="view")
    assert event["user_id"] == "clerk.pn"
    assert "RecordsClerk" in event["roles"]
    assert event["matricule"] == testdata.FILES["pn_validated"]
    assert event["agency"] == "police-nationale"
    assert event["path"] == testdata.path_of("pn_validated")
    assert event["uid"]
    assert event["client"] == "127.0.0.1"
    assert event["detail"] == "web"
    assert event["ts"].endswith("Z")


def test_rest_get_view(portal, testdata, start):
    response = get(file_url(portal, testdata, "ocs_validated"), "auditor", headers=JSON)
    assert response.status_code == 200
    (event,) = events_since(start, action="view")
    assert event["user_id"] == "auditor"
    assert event["detail"] == "api"
    assert event["matricule"] == testdata.FILES["ocs_validated"]


def test_history_view(portal, testdata, start):
    url = file_url(portal, testdata, "pn_validated") + "/@@historique"
    assert get(url, "clerk.pn").status_code == 200
    (event,) = events_since(start, action="view")
    assert event["detail"] == "historique"


def test_listing_is_not_a_consultation(portal, start):
    assert get(portal.absolute_url() + "/police-nationale", "clerk.pn").ok
    assert events_since(start, action=["view", "download"]) == []


def test_download_of_a_document(portal, testdata, start):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
        document = api.content.create(
            container=file,
            type="ScannedDocument",
            document_type=None,
            file=None,
            safe_id=True,
            id="piece-audit",
        )
        from plone.namedfile.file import NamedBlobFile

        document.file = NamedBlobFile(
            data=tiny_pdf("Pièce"), filename="piece.pdf", contentType="application/pdf"
        )
        transaction.commit()
    url = f"{file_url(portal, testdata, 'pn_draft')}/piece-audit/@@download/file"
    response = get(url, "clerk.pn")
    assert response.status_code == 200
    downloads = events_since(start, action="download")
    assert [e["user_id"] for e in downloads] == ["clerk.pn"]
    assert downloads[0]["matricule"] == testdata.FILES["pn_draft"]
    assert downloads[0]["path"].endswith("/piece-audit")


def test_change_and_transition_over_rest(portal, testdata, start):
    url = file_url(portal, testdata, "pn_draft")
    session = requests.Session()
    session.auth = ("clerk.pn", testdata.PASSWORD)
    response = session.patch(
        url, json={"position": "Adjoint (test du journal)"}, headers=JSON
    )
    assert response.status_code == 204, response.text
    response = session.post(url + "/@workflow/submit", json={}, headers=JSON)
    assert response.status_code == 200, response.text
    modified = events_since(start, action="modify")
    assert [e["user_id"] for e in modified] == ["clerk.pn"]
    assert "position" in modified[0]["detail"]
    (transition,) = events_since(start, action="transition")
    assert transition["detail"] == "submit"
    assert transition["matricule"] == testdata.FILES["pn_draft"]


def test_reject_comment_is_the_reason(portal, testdata, start):
    url = file_url(portal, testdata, "pn_pending")
    response = requests.post(
        url + "/@workflow/reject",
        json={"comment": "Pièce d'identité manquante"},
        headers=JSON,
        auth=("reviewer.pn", testdata.PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200, response.text
    (event,) = events_since(start, action="transition")
    assert event["detail"] == "reject"
    assert event["reason"] == "Pièce d'identité manquante"


def test_creation_and_deletion(portal, testdata, start):
    admin = requests.Session()
    admin.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    url = file_url(portal, testdata, "pn_draft")
    response = admin.post(
        url,
        json={
            "@type": "CareerEvent",
            "event_type": "assignment",
            "event_date": "2024-01-02",
        },
        headers=JSON,
    )
    assert response.status_code == 201, response.text
    created = response.json()["@id"]
    assert admin.delete(created, headers=JSON).status_code == 204
    kinds = [
        e["action"] for e in events_since(start, matricule=testdata.FILES["pn_draft"])
    ]
    assert "create" in kinds and "delete" in kinds


def test_aborted_change_is_not_logged(portal, testdata, start):
    """A refused PATCH (400) stores nothing: no journal line either."""
    response = requests.patch(
        file_url(portal, testdata, "pn_draft"),
        json={"birth_date": "pas une date"},
        headers=JSON,
        auth=("clerk.pn", testdata.PASSWORD),
        timeout=30,
    )
    assert response.status_code == 400
    assert events_since(start, action="modify") == []


@pytest.mark.parametrize(
    "login,json_api",
    [("clerk.ocs", False), ("clerk.ocs", True), ("officer", True), (None, False)],
)
def test_denied_access(portal, testdata, start, login, json_api):
    url = file_url(portal, testdata, "pn_validated2")
    response = get(url, login, headers=JSON if json_api else {})
    assert response.status_code != 200
    denied = events_since(start, action="denied")
    assert len(denied) >= 1
    event = denied[0]
    assert event["agency"] == "police-nationale"
    assert testdata.path_of("pn_validated2") in event["path"] + event["detail"]
    assert events_since(start, action="view") == []


def test_denied_journal_viewer(portal, start):
    response = get(portal.absolute_url() + "/@audit-log", "clerk.pn", headers=JSON)
    assert response.status_code in (401, 403)
    (event,) = events_since(start, action="denied")
    assert event["user_id"] == "clerk.pn"
    assert "@audit-log" in event["detail"]


def test_login_and_failure_through_the_login_form(portal, testdata, start):
    url = portal.absolute_url() + "/login"
    for password in ("mauvais-mot-de-passe-1", testdata.PASSWORD):
        requests.post(
            url,
            data={
                "__ac_name": "reviewer.ocs",
                "__ac_password": password,
                "form.buttons.login": "Se connecter",
            },
            allow_redirects=False,
            timeout=30,
        )
    actions = [(e["action"], e["user_id"]) for e in events_since(start)]
    assert ("login_failed", "reviewer.ocs") in actions
    assert ("login", "reviewer.ocs") in actions


def test_export_is_logged(portal, start):
    response = get(portal.absolute_url() + "/@@journal.csv?action=login", "auditor")
    assert response.status_code == 200
    (event,) = events_since(start, action="export")
    assert event["user_id"] == "auditor"
    assert '"action": "login"' in event["detail"]


def test_journal_survives_a_restart_and_verifies(portal, testdata, start):
    get(file_url(portal, testdata, "pn_validated"), "clerk.pn")
    before = get_journal().count()
    db.close_all()  # this thread's connection, as when Zope stops
    assert get_journal().count() == before
    assert get_journal().verify().ok


@pytest.mark.parametrize("method", ["POST", "PATCH", "DELETE", "PUT"])
def test_no_endpoint_modifies_the_journal(portal, start, method):
    before = get_journal().count()
    head = get_journal().head()
    response = requests.request(
        method,
        portal.absolute_url() + "/@audit-log",
        json={"id": 1, "user_id": "x"},
        headers=JSON,
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=30,
    )
    assert 400 <= response.status_code < 500
    # a refusal may be logged, nothing else changes
    assert get_journal().count() - before <= 1
    assert get_journal().verify(expected_head=head).ok
