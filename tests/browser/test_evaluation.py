"""Annual evaluation in a real browser (Classic UI, French).

The HR manager has opened the campaign (API: its page is the generic add
form). Then:

1. commander.pn finds the evaluation to fill on his home page, types the
   marks (the mark out of 20 is computed), submits it to the officer;
2. the officer, on a phone, finds it in Mon dossier and contests it with
   reasons;
3. hrmanager.pn, the second level (neither the officer nor the
   evaluator), revises the marks with a reason, then validates;
4. the officer sees the final mark and the revision.
"""

from datetime import date
from playwright.sync_api import expect
from plone.app.testing import login as login_in_process
import pytest
import re
from sirhp.content.evaluation import api as evaluation_api
from tests.browser.test_file_lifecycle import fire_transition
from tests.browser.test_file_lifecycle import login
from tests.browser.test_file_lifecycle import logout
import transaction

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def portal_url(functional):
    return functional["portal"].absolute_url()


@pytest.fixture
def evaluation_url(functional, testdata):
    portal = functional["portal"]
    login_in_process(portal, "hrmanager.pn")
    campaign = evaluation_api.create_campaign(
        agency=portal["police-nationale"],
        year=2026,
        grid={"discipline": 40, "efficacite": 60},
        evaluation_deadline=date(2026, 12, 15),
        acknowledge_days=15,
    )
    evaluation_api.create_evaluations(campaign=campaign)
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    url = file[evaluation_api.evaluation_id(campaign)].absolute_url()
    transaction.commit()
    return url


def transition_with_comment(page, transition, comment):
    page.locator(f"a.sirhp-transition-{transition}").first.click()
    page.locator("#comment").fill(comment)
    page.locator("form button[name='form.submitted']").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-danger")).to_have_count(0)


def test_evaluate_contest_revise_validate(
    functional, testdata, page, browser, portal_url, evaluation_url
):
    officer = testdata.FILES["pn_validated"]

    # --- 1. The commander fills the marks and submits ----------------------
    login(page, portal_url, "commander.pn", testdata.PASSWORD)
    page.goto(portal_url)
    page.locator(f"a[href='{evaluation_url}']").first.click()
    page.locator("#mark-0").fill("12")
    page.locator("#mark-1").fill("15")
    page.locator("#assessment").fill("Agent sérieux, à encourager.")
    page.get_by_role("button", name="Enregistrer les notes").click()
    expect(page.locator(".sirhp-mark")).to_have_text("13,80")
    fire_transition(page, "submit")
    logout(page, portal_url)

    # --- 2. The officer contests it from Mon dossier, on a phone -----------
    context = browser.new_context(locale="fr-FR", viewport=PHONE, is_mobile=True)
    context.set_default_timeout(30_000)
    phone = context.new_page()
    try:
        login(phone, portal_url, officer, testdata.PASSWORD)
        phone.goto(f"{portal_url}/@@mon-dossier")
        phone.locator(f"#evaluations a[href='{evaluation_url}']").click()
        expect(phone.locator(".sirhp-mark")).to_have_text("13,80")
        transition_with_comment(
            phone, "contest", "Ma discipline est exemplaire : aucune absence."
        )
        expect(phone.locator(".sirhp-state")).to_have_text("Contestée")
        logout(phone, portal_url)
    finally:
        context.close()

    # --- 3. The second level revises, then validates -----------------------
    login(page, portal_url, "hrmanager.pn", testdata.PASSWORD)
    page.goto(evaluation_url)
    form = page.locator("form.sirhp-revision-form")
    form.locator("#revise-0").fill("16")
    form.locator("#reason").fill("Discipline confirmée par le commissaire.")
    form.get_by_role("button", name="Réviser").click()
    expect(page.locator(".alert-success")).to_contain_text("Évaluation révisée.")
    expect(page.locator(".sirhp-mark")).to_have_text("15,40")
    fire_transition(page, "validate")
    expect(page.locator(".sirhp-state")).to_have_text("Validé")
    # the campaign from the menu: the agency's campaigns, then its follow-up
    page.goto(portal_url)
    page.locator(".sirhp-nav-evaluations a").click()
    expect(page.locator("h1.documentFirstHeading")).to_contain_text(
        "Campagnes d'évaluation"
    )
    page.locator(".sirhp-agency-list .sirhp-list a").first.click()
    expect(page).to_have_url(re.compile(r"/@@suivi-campagne$"))
    logout(page, portal_url)

    # --- 4. The officer sees the final mark and the revision ---------------
    login(page, portal_url, officer, testdata.PASSWORD)
    page.goto(evaluation_url)
    expect(page.locator(".sirhp-mark")).to_have_text("15,40")
    expect(page.locator(".sirhp-evaluation")).to_contain_text("13,80 → 15,40")
