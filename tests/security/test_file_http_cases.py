"""Named HTTP cases about personnel files (plone.restapi and Classic UI).

Every cell of the file's access table runs in process
(``test_access_in_process.py``) and its wiring over HTTP
(``test_access_tables.py``); here are the cases that cross several cells
or rules, on a real WSGI server with basic authentication:

- officer B on officer A's file and back, clerk.ocs on the PN files (read,
  PATCH, search) with the control that it sees its own agency; ``@search``
  with full objects never returns the medical fields to who may not read
  them, and finds exactly the files the table lets each persona view;
- on fresh set-ups: four eyes and the reject comment over REST, a unit
  change by PATCH (a change request, then the commanders follow), writes of
  the medical fields, and the consistency of refusals with
  ``include_children``.
"""

import json
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import re
import requests
from sirhp.policy import testdata
from sirhp.policy.access import TABLE
from sirhp.policy.base.access import PERSONAS
from tests.security.access import FILE_OF_STATE
from tests.security.access import login_of as table_login
from tests.security.access import MISSING_OFFICER_FILES
import transaction

FILE = TABLE["file"]
STATES = FILE.states
TRANSITION_TARGET = {"validate": "validated", "reject": "draft"}

PASSWORD = testdata.PASSWORD
DENIED = (401, 403, 404)
# Planted in the files of FILE_OF_STATE; never reaches who may not read it.
PLANTED_BLOOD_GROUP = "AB-"
# Medical fields need a consultation reason (audit/reasons.py); these tests
# check the permission, so every request gives one.
REASON = {"X-SIRHP-Reason": "controle"}


def planted_notes(matricule):
    return f"NOTE-MEDICALE-CONFIDENTIELLE-{matricule}"


def login_of(persona, state):
    return table_login("file", persona, state)


def allowed(persona, state, operation):
    return FILE.allowed(persona, state, operation)


class Http:
    """Small requests wrapper: one session, basic auth per call."""

    def __init__(self, portal_url):
        self.portal_url = portal_url
        self.session = requests.Session()
        self.cache = {}  # (persona, state) -> response of GET file JSON

    def file_url(self, state=None, name=None):
        name = name or FILE_OF_STATE[state]
        return f"{self.portal_url}/{testdata.path_of(name)}"

    @staticmethod
    def _auth(login):
        if login is None:
            return None
        return (login, SITE_OWNER_PASSWORD if login == SITE_OWNER_NAME else PASSWORD)

    def get_json(self, url, login):
        return self.session.get(
            url,
            headers={"Accept": "application/json", **REASON},
            auth=self._auth(login),
            allow_redirects=False,
            timeout=30,
        )

    def patch(self, url, login, data):
        return self.session.patch(
            url,
            json=data,
            headers={"Accept": "application/json"},
            auth=self._auth(login),
            allow_redirects=False,
            timeout=30,
        )

    def transition(self, url, login, transition, comment="Motif de contrôle."):
        return self.session.post(
            f"{url}/@workflow/{transition}",
            json={"comment": comment},
            headers={"Accept": "application/json"},
            auth=self._auth(login),
            allow_redirects=False,
            timeout=30,
        )

    def admin(self, url):
        response = self.get_json(url, SITE_OWNER_NAME)
        assert response.status_code == 200, response.text
        return response.json()

    def admin_state(self, url):
        return self.admin(url)["review_state"]


def prepare_site(portal):
    """Officer accounts of the files that have none; planted sensitive values."""
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        for name in MISSING_OFFICER_FILES:
            matricule = testdata.FILES[name]
            if api.user.get(username=matricule) is None:
                api.user.create(
                    username=matricule,
                    email=f"{matricule.lower()}@agents.example.ml",
                    password=PASSWORD,
                )
        for name in FILE_OF_STATE.values():
            file = portal.unrestrictedTraverse(testdata.path_of(name))
            file.blood_group = PLANTED_BLOOD_GROUP
            file.medical_notes = planted_notes(file.matricule)
    transaction.commit()


def without_echoed_url(response):
    """The body without the 404 message that repeats the requested URL
    (records one may not see answer as missing ones: hardening/hidden.py)."""
    return re.sub(r'"message": "Resource not found: [^"]*"', "", response.text)


def assert_denied_status(response):
    assert response.status_code in DENIED, (response.status_code, response.text[:300])


@pytest.fixture(scope="class")
def http(functional_portal_class):
    prepare_site(functional_portal_class)
    client = Http(functional_portal_class.absolute_url())
    yield client
    client.session.close()


@pytest.fixture
def fresh_http(functional):
    """A functional set-up of its own (for cells that change data)."""
    portal = functional["portal"]
    prepare_site(portal)
    client = Http(portal.absolute_url())
    yield client
    client.session.close()


class TestSharedSetUp:
    """Cases that change nothing, one set-up."""

    def test_officer_b_cannot_get_officer_a_file(self, http):
        url = http.file_url(name="pn_validated")
        officer_a, officer_b = (
            testdata.FILES["pn_validated"],
            testdata.FILES["pn_validated2"],
        )
        assert http.get_json(url, officer_a).status_code == 200
        response = http.get_json(url, officer_b)
        assert_denied_status(response)
        assert officer_a not in without_echoed_url(response)
        # and the other way round
        assert (
            http.get_json(http.file_url(name="pn_validated2"), officer_b).status_code
            == 200
        )
        assert_denied_status(
            http.get_json(http.file_url(name="pn_validated2"), officer_a)
        )

    @pytest.mark.parametrize("state", STATES)
    def test_clerk_ocs_cannot_reach_pn_files(self, http, state):
        url = http.file_url(state)
        assert_denied_status(http.get_json(url, "clerk.ocs"))
        assert http.patch(url, "clerk.ocs", {"position": "x"}).status_code in DENIED
        # nor find them
        response = http.get_json(
            f"{http.portal_url}/@search?portal_type=PersonnelFile"
            f"&matricule={testdata.FILES[FILE_OF_STATE[state]]}",
            "clerk.ocs",
        )
        assert response.status_code == 200
        assert response.json()["items_total"] == 0

    def test_clerk_ocs_sees_own_agency(self, http):
        """Control: the denials above are about the agency, not the account."""
        assert (
            http.get_json(http.file_url(name="ocs_validated"), "clerk.ocs").status_code
            == 200
        )
        assert_denied_status(
            http.get_json(http.file_url(name="ocs_validated"), "clerk.pn")
        )

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_search_never_returns_the_sensitive_values(self, http, persona):
        """@search with full objects: the same field-level rule as GET."""
        response = http.get_json(
            f"{http.portal_url}/@search?portal_type=PersonnelFile&fullobjects=1&b_size=100",
            login_of(persona, "validated"),
        )
        if persona == "anonymous":
            # the REST API is closed to anonymous users (hardening)
            assert response.status_code == 401
            assert "items" not in response.text
            return
        assert response.status_code == 200
        matrix_files = {
            testdata.FILES[name]: state for state, name in FILE_OF_STATE.items()
        }
        seen = set()
        for item in response.json()["items"]:
            state = matrix_files.get(item["matricule"])
            if state is None:
                continue
            seen.add(state)
            readable = allowed(persona, state, "sensitive")
            assert ("medical_notes" in item) is readable, item["matricule"]
            assert ("blood_group" in item) is readable, item["matricule"]
            if not readable:
                assert planted_notes(item["matricule"]) not in json.dumps(item)
        # the catalog shows exactly the files the table lets the persona view
        # (the officer persona is officer A here: only pn_validated is his)
        expected = {s for s in STATES if allowed(persona, s, "view")}
        if persona == "officer":
            expected &= {"validated"}
        assert seen == expected

    def test_nothing_changed_state(self, http):
        """After all refusals of the class: every file still in its state."""
        for state in STATES:
            assert http.admin_state(http.file_url(state)) == state


class TestWorkflowRules:
    """Four eyes and the reject comment, over REST (data changes: fresh set-ups)."""

    def test_four_eyes(self, fresh_http):
        url = fresh_http.file_url("draft")
        assert (
            fresh_http.transition(url, "clerkreviewer.pn", "submit").status_code == 200
        )
        response = fresh_http.transition(url, "clerkreviewer.pn", "validate")
        assert response.status_code == 400
        assert "vous-même soumis" in response.json()["error"]["message"]
        assert fresh_http.admin_state(url) == "pending"
        assert fresh_http.transition(url, "reviewer.pn", "validate").status_code == 200
        assert fresh_http.admin_state(url) == "validated"

    @pytest.mark.parametrize("comment", ["", "   "])
    def test_reject_needs_a_comment(self, fresh_http, comment):
        url = fresh_http.file_url("pending")
        response = fresh_http.transition(url, "reviewer.pn", "reject", comment=comment)
        assert response.status_code == 400
        assert "motif" in response.json()["error"]["message"].lower()
        assert fresh_http.admin_state(url) == "pending"
        history = fresh_http.admin(url + "/@history")
        assert not [h for h in history if h.get("action") == "reject"]

    def test_unit_change_over_rest_moves_the_commanders(self, fresh_http):
        """Unit change (a transfer act filed by the clerk, validated by a
        reviewer): commander2.pn gains the file, commander.pn loses it."""
        http = fresh_http
        url = http.file_url("validated")
        assert http.get_json(url, "commander.pn").status_code == 200
        assert_denied_status(http.get_json(url, "commander2.pn"))
        kayes = http.admin(
            f"{http.portal_url}/police-nationale/dr-kayes/commissariat-kayes"
        )
        # the unit is no longer proposed through a change request
        assert (
            http.patch(url, "hrmanager.pn", {"unit": kayes["UID"]}).status_code == 400
        )
        act = http.session.post(
            url,
            json={
                "@type": "CareerEvent",
                "event_type": "transfer",
                "event_date": "2026-11-01",
                "reference": "Décision de mutation n° 5",
                "resulting_unit": kayes["UID"],
            },
            headers={"Accept": "application/json"},
            auth=http._auth("clerk.pn"),
            timeout=30,
        )
        assert act.status_code == 201, act.text[:300]
        act_url = act.json()["@id"]
        submitted = http.transition(act_url, "clerk.pn", "submit")
        assert submitted.status_code == 200, submitted.text[:300]
        assert http.get_json(url, "commander.pn").status_code == 200  # not yet
        validated = http.transition(act_url, "reviewer.pn", "validate")
        assert validated.status_code == 200, validated.text[:300]
        assert http.get_json(url, "commander2.pn").status_code == 200
        assert_denied_status(http.get_json(url, "commander.pn"))
        matricule = testdata.FILES["pn_validated"]
        search = (
            f"{http.portal_url}/@search?portal_type=PersonnelFile&matricule={matricule}"
        )
        assert http.get_json(search, "commander2.pn").json()["items_total"] == 1
        assert http.get_json(search, "commander.pn").json()["items_total"] == 0

    @pytest.mark.parametrize(
        "transition,state", [("validate", "pending"), ("reject", "pending")]
    )
    def test_refusal_with_include_children_changes_nothing(
        self, fresh_http, transition, state
    ):
        """A 4xx answer must leave the state unchanged, include_children or not.

        PRODUCT BUG (see report): the records of pn_pending are drafts, so
        their own transition is refused; plone.restapi catches that
        WorkflowException and answers 400, but the file's transition, fired
        first in the same request, is committed: the client is told "refused"
        while the file has been validated (or rejected).
        """
        http = fresh_http
        url = http.file_url(state)
        response = http.session.post(
            f"{url}/@workflow/{transition}",
            json={"comment": "Conforme.", "include_children": True},
            headers={"Accept": "application/json"},
            auth=("reviewer.pn", PASSWORD),
            timeout=30,
        )
        after = http.admin_state(url)
        if response.status_code >= 400:
            assert after == state, (
                f"@workflow/{transition} answered {response.status_code} "
                f"({response.json()['error']['message']}) but the file went "
                f"from {state} to {after}"
            )
        else:
            assert response.status_code == 200
            assert after == TRANSITION_TARGET[transition]


class TestSensitiveWrites:
    """Write permission of the sensitive fields (WriteSensitive: HRManager)."""

    def test_clerk_patch_of_sensitive_fields_is_refused(self, fresh_http):
        http = fresh_http
        url = http.file_url("draft")
        response = http.patch(
            url, "clerk.pn", {"blood_group": "O+", "medical_notes": "x"}
        )
        assert response.status_code == 403
        data = http.admin(url)
        assert data["blood_group"]["token"] == PLANTED_BLOOD_GROUP
        assert data["medical_notes"] == planted_notes(testdata.FILES["pn_draft"])

    def test_hr_manager_may_write_sensitive_fields(self, fresh_http):
        http = fresh_http
        url = http.file_url("draft")
        response = http.patch(url, "hrmanager.pn", {"blood_group": "O+"})
        assert response.status_code == 204
        assert http.admin(url)["blood_group"]["token"] == "O+"
