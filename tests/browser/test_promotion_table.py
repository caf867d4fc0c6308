"""The tableau d'avancement in a real browser (Classic UI, French).

The promotion rules are relaxed and both validated officers of the Police
nationale hold the same grade (as in tests/promotion); the HR manager has
opened a tableau for the next grade, one post. Then:

1. hrmanager.pn builds the ranking from the rules and submits it to the
   commission; he is not offered the decision (four eyes);
2. siteadmin, the commission's secretary, promotes the first and defers
   the second, and closes the deliberation (decide): the page gives the
   effective date, the first day of the next quarter;
3. hrmanager.pn publishes (not the secretary): the promotion act is filed;
4. the promoted officer's file shows the new grade from the effective date
   (the daily job run on that day), not the day before.
"""

from datetime import date
from datetime import timedelta
from playwright.sync_api import expect
from plone import api
from plone.app.testing import login as login_in_process
import pytest
from sirhp.content.careers.apply import apply_due
from sirhp.content.promotion import rules
from sirhp.content.referentials import api as referentials
from tests.browser.test_file_lifecycle import fire_transition
from tests.browser.test_file_lifecycle import login
from tests.browser.test_file_lifecycle import logout
from tests.clock import clock_on
from tests.promotion.conftest import relax_rules
from tests.promotion.conftest import same_grade
from tests.promotion.conftest import TARGET
import transaction


@pytest.fixture
def portal_url(functional):
    return functional["portal"].absolute_url()


@pytest.fixture
def table_url(functional, testdata):
    portal = functional["portal"]
    relax_rules()
    same_grade(portal, testdata)
    login_in_process(portal, "hrmanager.pn")
    table = api.content.create(
        container=portal["police-nationale"],
        type="PromotionTable",
        id="tableau-navigateur",
        target_grade=TARGET,
        year=2026,
        posts=1,
    )
    url = table.absolute_url()
    transaction.commit()
    return url


def test_tableau_built_decided_published_applied(
    functional, testdata, page, portal_url, table_url
):
    portal = functional["portal"]
    label = referentials.tables()["grades"][TARGET]["label"]

    # --- 1. HR builds the ranking and submits it ---------------------------
    login(page, portal_url, "hrmanager.pn", testdata.PASSWORD)
    page.goto(table_url)
    page.get_by_role("button", name="Établir le classement").click()
    rows = page.locator(".sirhp-promotion-decisions tbody tr")
    expect(rows).to_have_count(2)
    first = rows.nth(0).locator("td").nth(1).inner_text().strip()
    fire_transition(page, "submit")
    expect(page.locator("a.sirhp-transition-decide")).to_have_count(0)
    expect(page.locator("select[name='decision_0']")).to_have_count(0)
    logout(page, portal_url)

    # --- 2. The commission's secretary records the decisions ---------------
    login(page, portal_url, "siteadmin", testdata.PASSWORD)
    page.goto(table_url)
    page.locator("select[name='decision_0']").select_option("promoted")
    page.locator("select[name='decision_1']").select_option("deferred")
    page.get_by_role("button", name="Enregistrer les décisions").click()
    expect(page.locator(".alert-danger")).to_have_count(0)
    fire_transition(page, "decide")
    effective = rules.effective_date(date.today())  # the server's day
    expect(page.locator(".sirhp-effective")).to_contain_text(
        effective.strftime("%d/%m/%Y")
    )
    expect(page.locator("a.sirhp-transition-publish")).to_have_count(0)
    logout(page, portal_url)

    # --- 3. HR publishes: the promotion act is filed -----------------------
    login(page, portal_url, "hrmanager.pn", testdata.PASSWORD)
    page.goto(table_url)
    fire_transition(page, "publish")
    expect(page.locator(".sirhp-promotion-table a[href*='/promotion']")).to_have_count(
        1
    )

    # --- 4. The file shows the new grade from the effective date -----------
    file_path = testdata.path_of(
        "pn_validated" if first == testdata.FILES["pn_validated"] else "pn_validated2"
    )
    file_url = f"{portal_url}/{file_path}"
    logout(page, portal_url)
    # (a moved clock ends the login session: log in on each day)
    with clock_on(effective - timedelta(days=1)):
        login(page, portal_url, "hrmanager.pn", testdata.PASSWORD)
        page.goto(file_url)
        expect(page.locator(".sirhp-file p").first).not_to_contain_text(label)
    with clock_on(effective):
        transaction.begin()
        login_in_process(portal, "siteadmin")
        apply_due(today=effective)  # the daily job of that day
        transaction.commit()
        login(page, portal_url, "hrmanager.pn", testdata.PASSWORD)
        page.goto(file_url)
        newest = page.locator("#carriere-actes table.sirhp-periods tbody tr").first
        expect(newest.locator("td").nth(0)).to_have_text(
            f"depuis le {effective:%d/%m/%Y}"
        )
        expect(newest.locator("td").nth(1)).to_have_text(label)
        expect(page.locator(".sirhp-file p").first).to_contain_text(label)
