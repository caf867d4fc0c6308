"""Careers in a real browser (Classic UI, French).

1. hrmanager.pn files a promotion on officer A's validated file and submits
   it; he is not offered its validation (four eyes) and is refused when he
   forces it; reviewer.pn validates it from "À valider"; the file page shows
   the new grade, the seniority in grade from the date of effect and a new
   period in the career timeline.
2. Officer A, on a phone (360x740), reads the career and the seniority on
   Mon dossier, requests annual leave (next year: no leave of the test data
   there), sees it requested; commander.pn (officer A's unit) approves it on
   the leave's page; the officer sees it approved and the balance reduced.
3. hrmanager.pn finds a planted drift (officer A's grade written behind his
   acts' back) in @@controle-carrieres, with a link to the file, and
   previews a statute mapping in @@referentiels-statut (not applied).

Functional layer: a real WSGI server, driven by Debian's Chromium. Only the
drift is planted without a page (no journey writes a file behind its acts).
"""

from datetime import date
from playwright.sync_api import expect
import pytest
import re
from sirhp.content.careers import api as careers
from sirhp.content.careers import rules
from sirhp.content.referentials import api as referentials
from tests.browser.test_file_lifecycle import fire_transition
from tests.browser.test_file_lifecycle import login
from tests.browser.test_file_lifecycle import logout
import transaction

# After every date of the test data (drawn before demo.REFERENCE_DATE,
# 2026-11-01): the promotion is the file's last grade act, and in the past
# on any day the tests run.
PROMOTION_DATE = date(2026, 11, 2)
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def portal_url(functional):
    return functional["portal"].absolute_url()


def next_grade(code):
    """The grade above ``code`` in its corps (any other grade at the top)."""
    grades = referentials.tables(at=PROMOTION_DATE)["grades"]
    current = grades[code]
    same_corps = sorted(
        (g["order"], c)
        for c, g in grades.items()
        if g["corps"] == current["corps"] and g["order"] > current["order"]
    )
    if same_corps:
        return same_corps[0][1]
    return next(c for c in grades if c != code)


def grade_label(code):
    return referentials.tables(at=PROMOTION_DATE)["grades"][code]["label"]


def seniority_text(start):
    # the page counts on the server's today (same process as the test)
    value = rules.seniority(start, date.today())
    return f"{value['years']} an(s), {value['months']} mois, {value['days']} jour(s)"


def toolbar_transition(page, transition):
    """Fire ``transition`` from the action bar of an act's page (Plone's
    page of the content; staff have no toolbar), then confirm."""
    page.locator(f".sirhp-actionbar #workflow-transition-{transition}").click()
    expect(page).to_have_url(
        re.compile(rf"@@sirhp-transition\?transition={transition}")
    )
    page.locator("form button[name='form.submitted']").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-danger")).to_have_count(0)
    expect(page.locator(".portalMessage").first).to_contain_text("Action effectuée")


def test_promotion_filed_validated_and_applied(functional, testdata, page, portal_url):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    file_url = f"{portal_url}/{testdata.path_of('pn_validated')}"
    new_grade = next_grade(file.grade)
    label = grade_label(new_grade)
    reference = "Décision n° 2026-117/DGPN"

    # --- 1. The HR manager files the promotion and submits it ---------------
    login(page, portal_url, "hrmanager.pn", testdata.PASSWORD)
    page.goto(file_url)
    periods_before = page.locator("#carriere-actes table.sirhp-periods tbody tr")
    count_before = periods_before.count()
    page.locator("#carriere-actes a", has_text="Ajouter un acte").click()
    expect(page).to_have_url(f"{file_url}/++add++CareerEvent")
    page.locator("#form-widgets-event_type").select_option("promotion")
    page.locator("#form-widgets-event_date").fill(PROMOTION_DATE.isoformat())
    page.locator("#form-widgets-reference").fill(reference)
    page.locator("nav.autotoc-nav a", has_text="Situation résultante").click()
    page.locator("#form-widgets-resulting_grade").select_option(new_grade)
    page.locator("#form-widgets-resulting_echelon").fill("1")
    page.locator("#form-buttons-save").click()
    page.wait_for_load_state()
    expect(page.locator("#form .invalid-feedback, #form .is-invalid")).to_have_count(0)
    act_url = page.url.split("?")[0].rstrip("/").removesuffix("/view")
    assert act_url.startswith(f"{file_url}/"), act_url

    toolbar_transition(page, "submit")

    # --- 2. ... and cannot validate his own act -----------------------------
    page.goto(act_url)
    # the action bar offers to send it back, not to validate it
    expect(page.locator("#workflow-transition-reject")).to_have_count(1)
    expect(page.locator("#workflow-transition-validate")).to_have_count(0)
    response = page.goto(f"{act_url}/@@sirhp-transition?transition=validate")
    assert response.status == 403
    expect(page.locator(".alert-danger")).to_be_visible()
    expect(page.locator("form button[name='form.submitted']")).to_have_count(0)
    logout(page, portal_url)

    # --- 3. The reviewer validates it from "À valider" ----------------------
    login(page, portal_url, "reviewer.pn", testdata.PASSWORD)
    page.goto(portal_url)
    row = page.locator("#a-valider tbody tr", has_text=file.matricule)
    row = row.filter(has=page.locator(f"a[href^='{act_url}']"))
    expect(row).to_have_count(1)
    row.locator("a").first.click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(act_url)}"))
    toolbar_transition(page, "validate")
    logout(page, portal_url)

    # --- 4. The file follows its act ----------------------------------------
    login(page, portal_url, "hrmanager.pn", testdata.PASSWORD)
    page.goto(file_url)
    section = page.locator("#carriere-actes")
    expect(section.locator(".field-seniority-grade")).to_have_text(
        seniority_text(PROMOTION_DATE)
    )
    periods = section.locator("table.sirhp-periods tbody tr")
    expect(periods).to_have_count(count_before + 1)
    newest = periods.first
    expect(newest.locator("td").nth(0)).to_have_text(
        f"depuis le {PROMOTION_DATE:%d/%m/%Y}"
    )
    expect(newest.locator("td").nth(1)).to_have_text(label)
    expect(newest.locator("td").nth(2)).to_have_text("1")
    expect(page.locator(".sirhp-file")).to_contain_text(label)


def test_officer_career_and_leave_on_a_phone(functional, testdata, browser, portal_url):
    file_url = f"{portal_url}/{testdata.path_of('pn_validated')}"
    officer = testdata.FILES["pn_validated"]
    year = date.today().year + 1
    start, end = date(year, 3, 2), date(year, 3, 11)  # 10 calendar days
    context = browser.new_context(locale="fr-FR", viewport=PHONE, is_mobile=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        # --- 1. Mon dossier: the career and the seniority ------------------
        login(page, portal_url, officer, testdata.PASSWORD)
        page.goto(portal_url)
        expect(page).to_have_url(f"{portal_url}/@@mon-dossier")
        career = page.locator("#parcours")
        expect(career.locator("h2")).to_have_text("Parcours (actes de carrière)")
        expect(career.locator(".field-seniority-service")).to_contain_text("an(s)")
        expect(career.locator(".field-seniority-grade")).to_contain_text("an(s)")
        expect(career.locator("table.sirhp-periods tbody tr").first).to_contain_text(
            "depuis le "
        )

        # --- 2. Requests annual leave ---------------------------------------
        page.locator("#mon-conge").click()
        expect(page).to_have_url(f"{file_url}/@@demander-conge")
        page.goto(f"{file_url}/@@demander-conge?year={year}")
        annual = page.locator("#soldes tbody tr", has_text="Congé annuel")
        expect(annual.locator("td").nth(3)).to_have_text("30")
        page.locator("#leave_type").select_option("annual")
        page.locator("#start").fill(start.isoformat())
        page.locator("#end").fill(end.isoformat())
        page.locator("#reason").fill("Congé annuel en famille à Kayes.")
        page.locator("#leave-submit").click()
        page.wait_for_load_state()
        expect(page.locator("#leave-error")).to_have_count(0)
        leave_url = page.url.split("?")[0].rstrip("/").removesuffix("/view")
        assert leave_url.startswith(f"{file_url}/"), leave_url
        expect(page.locator(".sirhp-state")).to_have_text("Demandée")
        # four eyes: the officer never decides on their own leave
        expect(page.locator("a.sirhp-transition-approve")).to_have_count(0)
        logout(page, portal_url)

        # --- 3. The unit's commander approves it on the leave's page --------
        login(page, portal_url, "commander.pn", testdata.PASSWORD)
        page.goto(leave_url)
        expect(page.locator(".sirhp-state")).to_have_text("Demandée")
        fire_transition(page, "approve")
        expect(page.locator(".sirhp-state")).to_have_text("Approuvée")
        logout(page, portal_url)

        # --- 4. The officer sees it approved and the balance reduced --------
        login(page, portal_url, officer, testdata.PASSWORD)
        page.goto(leave_url)
        expect(page.locator(".sirhp-state")).to_have_text("Approuvée")
        page.goto(f"{file_url}/@@demander-conge?year={year}")
        expect(page.locator("#soldes h2")).to_contain_text(str(year))
        annual = page.locator("#soldes tbody tr", has_text="Congé annuel")
        expect(annual.locator("td").nth(2)).to_have_text("10")
        expect(annual.locator("td").nth(3)).to_have_text("20")
    finally:
        context.close()


def test_commander_of_another_unit_cannot_approve(
    functional, testdata, page, portal_url
):
    """The approval is the unit's commander's: Kayes' commander is refused."""
    file_url = f"{portal_url}/{testdata.path_of('pn_validated')}"
    year = date.today().year + 1
    login(page, portal_url, testdata.FILES["pn_validated"], testdata.PASSWORD)
    page.goto(f"{file_url}/@@demander-conge")
    page.locator("#leave_type").select_option("annual")
    page.locator("#start").fill(date(year, 4, 6).isoformat())
    page.locator("#end").fill(date(year, 4, 8).isoformat())
    page.locator("#reason").fill("Congé annuel.")
    page.locator("#leave-submit").click()
    page.wait_for_load_state()
    leave_url = page.url.split("?")[0].rstrip("/").removesuffix("/view")
    assert leave_url.startswith(f"{file_url}/"), leave_url
    logout(page, portal_url)

    login(page, portal_url, "commander2.pn", testdata.PASSWORD)
    response = page.goto(leave_url)
    refused = response.status in (401, 403, 404) or page.url.rstrip("/") != leave_url
    if not refused:
        expect(page.locator("a.sirhp-transition-approve")).to_have_count(0)
    response = page.goto(f"{leave_url}/@@sirhp-transition?transition=approve")
    assert response.status in (401, 403, 404) or "login" in page.url
    expect(page.locator("form button[name='form.submitted']")).to_have_count(0)


@pytest.fixture
def drift(functional, testdata):
    """Officer A's grade written behind the acts' back (no page does it).

    Officer A's acts give his grade (officer B's give none: his grade is
    listed whatever this test does)."""
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    from_acts = file.grade
    assert careers.situation(file=file)["grade"] == from_acts
    file.grade = next_grade(from_acts)
    file.reindexObject()
    transaction.commit()
    return file, from_acts


def test_consistency_check_and_statute_panel(
    functional, testdata, page, portal_url, drift
):
    drift, from_acts = drift
    agency_url = f"{portal_url}/police-nationale"
    file_url = drift.absolute_url()

    # --- 1. The drift is listed with a link to the file ---------------------
    login(page, portal_url, "hrmanager.pn", testdata.PASSWORD)
    page.goto(f"{agency_url}/@@controle-carrieres")
    expect(page.locator("h1.documentFirstHeading")).to_have_text(
        "Contrôle des carrières"
    )
    row = page.locator("#career-check tbody tr", has_text=drift.matricule)
    row = row.filter(has_text="Grade")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(3)).to_have_text(grade_label(drift.grade))
    expect(row.locator("td").nth(4)).to_have_text(grade_label(from_acts))
    row.locator(f"a[href='{file_url}']").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(file_url)}/?$"))
    expect(page.locator(".sirhp-file .lead")).to_contain_text(drift.matricule)

    # --- 2. The statute panel: the mapping form and its preview -------------
    page.goto(f"{agency_url}/@@referentiels-statut")
    form = page.locator("#mapping-form")
    expect(form).to_be_visible()
    expect(form.locator("#mapping-apply")).to_have_count(0)
    old, new = drift.grade, next_grade(drift.grade)
    form.locator("select[name='mapping.old:records']").first.select_option(old)
    form.locator("select[name='mapping.new:records']").first.select_option(new)
    form.locator("#mapping_effective").fill("2027-01-01")
    form.locator("#mapping_reference").fill("Décret n° 2026-0412/P-RM")
    form.get_by_role("button", name="Aperçu").click()
    page.wait_for_load_state()
    expect(page.locator("#mapping-error")).to_have_count(0)
    form = page.locator("#mapping-form")
    expect(form.locator("#mapping-apply")).to_be_visible()
    first = form.locator("#table-mapping tbody tr").first
    expect(first.locator(".mapping-count")).to_have_text(re.compile(r"^\d+$"))
    # a preview stores nothing: the file keeps its grade
    page.goto(file_url)
    expect(page.locator(".sirhp-file .lead")).to_contain_text(drift.matricule)


def test_wrong_people_refused_the_career_pages(functional, testdata, page, portal_url):
    """An officer and a clerk get neither the check nor the statute panel."""
    agency_url = f"{portal_url}/police-nationale"
    for user in (testdata.FILES["pn_validated"], "clerk.pn"):
        login(page, portal_url, user, testdata.PASSWORD)
        for view in ("controle-carrieres", "referentiels-statut"):
            response = page.goto(f"{agency_url}/@@{view}")
            assert response.status in (401, 403) or "login" in page.url, (user, view)
            expect(page.locator("#career-check, #mapping-form")).to_have_count(0)
        logout(page, portal_url)
