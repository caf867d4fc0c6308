"""Who may do what in recruitment, in process: the permission map of a
campaign per state and of its candidates, for every persona (the other
agency included), and the pages and services refused over HTTP to the
wrong people."""

from plone import api
import pytest
import requests
from sirhp.content.permissions import AddCandidate
from sirhp.content.permissions import ManageRecruitment
from sirhp.content.permissions import ViewRecruitmentStatistics
from sirhp.content.recruitment import api as recruitment
from sirhp.policy.testdata import PASSWORD
from tests.recruitment.conftest import candidate_data
from tests.recruitment.conftest import set_state
import transaction

VIEW = "View"
MODIFY = "Modify portal content"
MANAGERS = {"recruiter.pn", "hrmanager.pn", "siteadmin"}
READERS = MANAGERS | {"auditor"}
PERSONAS = (
    "recruiter.pn",
    "hrmanager.pn",
    "siteadmin",
    "auditor",
    "clerk.pn",
    "reviewer.pn",
    "clerkreviewer.pn",
    "commander.pn",
    "commander2.pn",
    "officer",
    "recruiter.ocs",
    "hrmanager.ocs",
    "clerk.ocs",
)
EXPECTED = {
    "draft": {
        VIEW: READERS,
        MODIFY: MANAGERS,
        AddCandidate: MANAGERS,
        ManageRecruitment: MANAGERS,
        ViewRecruitmentStatistics: READERS,
    },
    "open": {
        VIEW: READERS,
        MODIFY: MANAGERS,
        AddCandidate: MANAGERS,
        ManageRecruitment: MANAGERS,
        ViewRecruitmentStatistics: READERS,
    },
    "closed": {
        VIEW: READERS,
        MODIFY: MANAGERS,
        AddCandidate: set(),
        ManageRecruitment: MANAGERS,
        ViewRecruitmentStatistics: READERS,
    },
    "results_proposed": {
        VIEW: READERS,
        MODIFY: set(),
        AddCandidate: set(),
        ManageRecruitment: MANAGERS,
        ViewRecruitmentStatistics: READERS,
    },
    "published": {
        VIEW: READERS,
        MODIFY: set(),
        AddCandidate: set(),
        ManageRecruitment: MANAGERS,
        ViewRecruitmentStatistics: READERS,
    },
}


def _login(name, testdata):
    return testdata.FILES["pn_validated"] if name == "officer" else name


def _holders(obj, permission, testdata):
    return {
        name
        for name in PERSONAS
        if api.user.has_permission(permission, username=_login(name, testdata), obj=obj)
    }


@pytest.mark.parametrize("state", list(EXPECTED))
def test_permission_map(campaign, candidates, testdata, state):
    set_state(campaign, state)
    for permission, expected in EXPECTED[state].items():
        assert _holders(campaign, permission, testdata) == expected, permission
    # a candidate: only who manages recruitment reads it (not auditors);
    # changing it follows the campaign
    candidate = candidates[0]
    assert _holders(candidate, VIEW, testdata) == MANAGERS
    assert _holders(candidate, MODIFY, testdata) == EXPECTED[state][MODIFY]
    assert _holders(candidate, ManageRecruitment, testdata) == MANAGERS


def test_candidates_not_found_by_others(campaign, candidates, testdata):
    for name in PERSONAS:
        with api.env.adopt_user(username=_login(name, testdata)):
            found = api.content.find(portal_type="Candidate")
        assert (len(found) == 3) is (name in MANAGERS), name
    for role in ("Owner", "Authenticated", "Anonymous"):
        roles = {
            r["name"] for r in candidates[0].rolesOfPermission(VIEW) if r["selected"]
        }
        assert role not in roles


PAGES = (
    ("GET", "", {"recruiter.pn"}, {"commander.pn", "recruiter.ocs"}),
    ("GET", "/@@ajouter-candidat", {"hrmanager.pn"}, {"auditor", "clerk.pn"}),
    ("GET", "/@@import-notes", {"recruiter.pn"}, {"auditor", "hrmanager.ocs"}),
    ("GET", "/@@modele-notes.xlsx", {"recruiter.pn"}, {"auditor", "officer"}),
    (
        "GET",
        "/@@statistiques-recrutement",
        {"auditor"},
        {"reviewer.pn", "recruiter.ocs"},
    ),
    ("GET", "/candidat-123456789012345/@@notes", {"recruiter.pn"}, {"auditor"}),
    ("GET", "/candidat-123456789012345", {"recruiter.pn"}, {"auditor", "clerk.ocs"}),
)
SERVICES = (
    ("GET", "/@candidates", {"recruiter.pn"}, {"auditor", "recruiter.ocs"}),
    ("POST", "/@candidates", set(), {"auditor", "commander.pn", "hrmanager.ocs"}),
    ("POST", "/@candidate-scores", set(), {"auditor", "clerk.pn", "recruiter.ocs"}),
    (
        "GET",
        "/@recruitment-statistics",
        {"auditor", "recruiter.pn"},
        {"commander.pn", "officer", "hrmanager.ocs"},
    ),
)


def test_pages_and_services_refused_to_the_wrong_people(functional, testdata):
    portal = functional["portal"]
    with api.env.adopt_user(username="recruiter.pn"):
        campaign = api.content.create(
            container=portal["police-nationale"],
            type="RecruitmentCampaign",
            id="concours",
            title="Concours",
            corps="sous-officiers",
            grade="agent",
            posts=2,
            quotas=["segou|1"],
            start=None,
            end=None,
        )
        recruitment.add_candidate(
            campaign=campaign, **candidate_data("123456789012345", last_name="SECRET")
        )
    transaction.commit()
    url = campaign.absolute_url()

    def ask(method, path, login, rest):
        headers = {"Accept": "application/json"} if rest else {}
        return requests.request(
            method,
            url + path,
            auth=(_login(login, testdata), PASSWORD),
            headers=headers,
            json={} if method == "POST" else None,
            allow_redirects=False,
            timeout=60,
        )

    for rest, table in ((False, PAGES), (True, SERVICES)):
        for method, path, allowed, refused in table:
            for login in allowed:
                answer = ask(method, path, login, rest)
                assert answer.status_code == 200, (path, login, answer.status_code)
            for login in refused:
                answer = ask(method, path, login, rest)
                if answer.status_code == 302:  # a page: to the login form
                    assert not rest
                    assert "require_login" in answer.headers["Location"]
                else:
                    assert answer.status_code in (401, 403, 404), (path, login)
                assert "SECRET" not in answer.text
                assert "123456789012345" not in answer.text
    anonymous = requests.get(
        url + "/@candidates", headers={"Accept": "application/json"}, timeout=60
    )
    assert anonymous.status_code in (401, 403, 404)
    assert "SECRET" not in anonymous.text
