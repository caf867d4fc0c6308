"""Fairness on a real tableau d'avancement: built from the rules, decided
by the commission and published (its promotion acts take effect on the
first day of the next quarter); the table's report, the year's report of
the effective year (time in grade before promotion included), and
``@fairness?table=`` over HTTP (the other agency's HR gets nothing)."""

from datetime import date
from plone import api
from plone.app.testing import login
import requests
from sirhp.content.fairness import api as fairness
from sirhp.content.promotion import api as promotion
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.clock import clock_on
from tests.promotion.conftest import AT
from tests.promotion.conftest import relax_rules
from tests.promotion.conftest import same_grade
from tests.promotion.conftest import TARGET
import transaction


def _published(portal, testdata):
    relax_rules()
    same_grade(portal, testdata)
    login(portal, "hrmanager.pn")
    table = api.content.create(
        container=portal["police-nationale"],
        type="PromotionTable",
        id="tableau-equite",
        target_grade=TARGET,
        year=2026,
        posts=1,
    )
    with clock_on(REFERENCE_DATE):  # decided 2026-11-01: effective 2027-01-01
        promotion.build(table=table, at=AT)
        api.content.transition(obj=table, transition="submit")
        login(portal, "siteadmin")
        first, second = table.candidates
        promotion.decide(
            table=table,
            decisions={
                first["uid"]: {"decision": "promoted"},
                second["uid"]: {"decision": "deferred"},
            },
        )
        api.content.transition(obj=table, transition="decide")
        login(portal, "hrmanager.pn")
        api.content.transition(obj=table, transition="publish")
    return table


def test_table_and_year_reports_of_a_published_table(portal, testdata):
    table = _published(portal, testdata)
    assert table.effective == date(2027, 1, 1)
    with api.env.adopt_user(username="hrmanager.pn"):
        report = fairness.table_report(table=table)
        year = fairness.year_report(context=portal["police-nationale"], year=2027)
    assert (report["eligible"], report["promoted"]) == (2, 1)
    (agency,) = report["groupings"]["agency"]["groups"]
    assert (agency["eligible"], agency["promoted"]) == (2, 1)
    assert agency["selection_rate"] == 0.5
    promoted = next(c for c in table.candidates if c["decision"] == "promoted")
    times = report["groupings"]["sex"]["time_in_grade"]
    assert sum(t["count"] for t in times) == 1
    waited = (date(2027, 1, 1) - promoted["grade_since"]).days
    assert [t["median_days"] for t in times if t["count"]] == [waited]
    # the year of the acts: both eligible on its eve, one promoted by
    # selection, the same time in grade
    assert (year["eligible"], year["promoted"]) == (2, 1)
    assert year["promoted_not_eligible"] == 0
    times = year["groupings"]["sex"]["time_in_grade"]
    assert [t["median_days"] for t in times if t["count"]] == [waited]


def test_rest_by_table_and_the_other_agency(functional, testdata):
    portal = functional["portal"]
    table = _published(portal, testdata)
    uid, url = table.UID(), portal.absolute_url()
    transaction.commit()
    mine = requests.get(
        f"{url}/police-nationale/@fairness",
        params={"table": uid},
        auth=("hrmanager.pn", testdata.PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert mine.status_code == 200, mine.text
    groups = mine.json()["groupings"]["sex"]["groups"]
    assert sum(g["eligible"] for g in groups) == 2
    assert sum(g["promoted"] for g in groups) == 1
    other = requests.get(
        f"{url}/ocs/@fairness",
        params={"table": uid},
        auth=("hrmanager.ocs", testdata.PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert other.status_code in (400, 403, 404)
    assert testdata.FILES["pn_validated"] not in other.text
