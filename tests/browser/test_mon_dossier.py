"""Acceptance scenario of Mon dossier, in a real browser (Classic UI, French).

1. officer A logs in and lands on "Mon dossier";
2. reports a wrong birth place ("Signaler une inexactitude") with a comment;
3. reviewer.pn opens "À valider", sees the request with its diff (current ->
   proposed) and approves it;
4. the officer sees the corrected value and the request closed (approved).
"""

from playwright.sync_api import expect
import pytest
from tests.browser.test_file_lifecycle import login
from tests.browser.test_file_lifecycle import logout


@pytest.fixture
def portal_url(functional):
    return functional["portal"].absolute_url()


def test_officer_reports_reviewer_approves(functional, testdata, page, portal_url):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    officer = testdata.FILES["pn_validated"]
    wrong = file.birth_place
    correct = "Ségou" if wrong != "Ségou" else "Kayes"

    # 1. the officer lands on Mon dossier
    login(page, portal_url, officer, testdata.PASSWORD)
    page.goto(portal_url)
    expect(page).to_have_url(f"{portal_url}/@@mon-dossier")
    expect(page.locator("dd.field-birth_place")).to_have_text(wrong)

    # 2. reports the wrong birth place
    page.locator("#champ").select_option(f"{file.UID()}|birth_place")
    page.locator("#valeur").fill(correct)
    page.locator("#commentaire").fill("Je suis né à Ségou (acte de naissance n° 512).")
    page.locator("#report-submit").click()
    expect(page.locator(".portalMessage").first).to_contain_text(
        "Votre signalement est enregistré"
    )
    expect(page.locator("#demandes tr.request-pending")).to_have_count(1)
    expect(page.locator("dd.field-birth_place")).to_have_text(wrong)  # unchanged
    logout(page, portal_url)

    # 3. the reviewer sees the diff and approves
    login(page, portal_url, "reviewer.pn", testdata.PASSWORD)
    page.goto(f"{portal_url}/@@a-valider")
    page.locator("tr.queue-ChangeRequest a").first.click()
    expect(page.locator("tr.diff-birth_place .diff-current")).to_have_text(wrong)
    expect(page.locator("tr.diff-birth_place .diff-proposed")).to_have_text(correct)
    expect(page.locator(".sirhp-justification")).to_contain_text("acte de naissance")
    page.locator("a.sirhp-transition-approve").click()
    page.locator("#comment").fill("Conforme à l'acte de naissance")
    page.locator("form button[name='form.submitted']").click()
    expect(page.locator("#change-state")).to_have_text("Approuvée")
    logout(page, portal_url)

    # 4. the officer sees the corrected value and the closed request
    login(page, portal_url, officer, testdata.PASSWORD)
    page.goto(f"{portal_url}/@@mon-dossier")
    expect(page.locator("dd.field-birth_place")).to_have_text(correct)
    expect(page.locator("#demandes tr.request-approved")).to_have_count(1)
    expect(page.locator("#historique")).to_contain_text("Lieu de naissance")
