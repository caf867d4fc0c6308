"""Who may do what on a tableau d'avancement: the permission map of
sirhp_promotion_workflow per state and persona (in process), and over HTTP
every view and endpoint refused to the wrong people (the officer, a
commander, a clerk, the other agency's HR manager, anonymous)."""

from plone import api
from plone.app.testing import login
import pytest
import requests
from sirhp.content.permissions import DecidePromotions
from sirhp.content.permissions import ManagePromotionTables
from tests.promotion.conftest import AT
from tests.promotion.conftest import relax_rules
from tests.promotion.conftest import same_grade
from tests.promotion.conftest import TARGET
import transaction

VIEW = "View"
MODIFY = "Modify portal content"
HR = {"hrmanager.pn", "siteadmin"}
READERS = HR | {"auditor"}
OUTSIDERS = ("officer A", "commander.pn", "clerk.pn", "reviewer.pn", "hrmanager.ocs")
# state -> permission -> who holds it on the table (among the personas)
EXPECTED = {
    "draft": {
        VIEW: READERS,
        MODIFY: HR,
        ManagePromotionTables: HR,
        DecidePromotions: set(),
    },
    "submitted": {
        VIEW: READERS,
        MODIFY: set(),
        ManagePromotionTables: HR,
        DecidePromotions: HR,
    },
    "decided": {
        VIEW: READERS,
        MODIFY: set(),
        ManagePromotionTables: HR,
        DecidePromotions: set(),
    },
    "published": {
        VIEW: READERS,
        MODIFY: set(),
        ManagePromotionTables: set(),
        DecidePromotions: set(),
    },
}


def _login(name, testdata):
    return testdata.FILES["pn_validated"] if name == "officer A" else name


@pytest.mark.parametrize("state", sorted(EXPECTED))
def test_permission_map(table, portal, testdata, state):
    wftool = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Manager"]):
        wftool.setStatusOf(
            "sirhp_promotion_workflow",
            table,
            {"action": None, "actor": "test", "review_state": state, "comments": ""},
        )
        wftool["sirhp_promotion_workflow"].updateRoleMappingsFor(table)
    for persona in sorted(READERS) + list(OUTSIDERS):
        user = _login(persona, testdata)
        for permission, holders in EXPECTED[state].items():
            held = api.user.has_permission(permission, username=user, obj=table)
            assert held == (persona in holders), (state, persona, permission)


def test_not_in_search_results_of_outsiders(table, portal, testdata):
    for persona in OUTSIDERS:
        login(portal, _login(persona, testdata))
        assert not api.content.find(portal_type="PromotionTable")
    login(portal, "auditor")
    assert len(api.content.find(portal_type="PromotionTable")) == 1


# --- over HTTP ----------------------------------------------------------------


@pytest.fixture
def table_url(functional, testdata):
    portal = functional["portal"]
    relax_rules()
    same_grade(portal, testdata)
    login(portal, "hrmanager.pn")
    table = api.content.create(
        container=portal["police-nationale"],
        type="PromotionTable",
        id="tableau",
        target_grade=TARGET,
        year=2026,
        posts=1,
    )
    transaction.commit()
    return table.absolute_url()


def _session(persona, testdata):
    session = requests.Session()
    if persona != "anonymous":
        session.auth = (_login(persona, testdata), testdata.PASSWORD)
    session.headers.update({"Accept": "application/json"})
    return session


def test_hr_builds_and_reads(table_url, testdata):
    with _session("hrmanager.pn", testdata) as hr:
        built = hr.post(
            f"{table_url}/@promotion-table/build",
            json={"at": AT.isoformat()},
            timeout=60,
        )
        assert built.status_code == 200, built.text
        assert len(built.json()["candidates"]) == 2
        assert (
            hr.post(
                f"{table_url}/@promotion-table/nope", json={}, timeout=60
            ).status_code
            == 404
        )
        refused = hr.post(
            f"{table_url}/@promotion-table/decisions",
            json={"decisions": {}},
            timeout=60,
        )
        assert refused.status_code in (401, 403)  # draft: nobody decides
    with _session("auditor", testdata) as auditor:
        answer = auditor.get(f"{table_url}/@promotion-table", timeout=60)
        assert answer.status_code == 200
        assert [c["rank"] for c in answer.json()["candidates"]] == [1, 2]
        assert "sanction" not in answer.text
        page = auditor.get(table_url, headers={"Accept": "text/html"}, timeout=60)
        assert page.status_code == 200 and "Tableau d'avancement" in page.text
        assert auditor.post(
            f"{table_url}/@promotion-table/build", json={}, timeout=60
        ).status_code in (401, 403)


@pytest.mark.parametrize("persona", (*OUTSIDERS, "commander2.pn", "anonymous"))
def test_refused(table_url, testdata, persona):
    with _session(persona, testdata) as session:
        for method, url, body in (
            ("GET", f"{table_url}/@promotion-table", None),
            ("POST", f"{table_url}/@promotion-table/build", {}),
            ("POST", f"{table_url}/@promotion-table/decisions", {"decisions": {}}),
            ("GET", table_url, None),
            ("GET", f"{table_url}/@@sirhp-transition?transition=submit", None),
        ):
            response = session.request(method, url, json=body, timeout=60)
            assert response.status_code in (401, 403, 404), (
                method,
                url,
                response.status_code,
            )
            assert "promotion-tableau" not in response.text
