"""Acceptance scenario in a real browser (Classic UI, French).

1. clerk.pn logs in, opens the Police nationale, creates a file through the
   add form ("Nouveau dossier") and submits it for validation;
2. reviewer.pn finds it in "À valider" on the home page and validates it;
3. officer A (a validated file of the test data, login = matricule) reads
   their own file, and cannot read officer B's file.

Functional layer: a real WSGI server, driven by Debian's Chromium.
"""

from playwright.sync_api import expect
import pytest
import re

NEW = {
    "matricule": "654321K",  # not used by the test data (PN 1000xx, OCS 8000xx)
    "last_name": "Keïta",
    "first_names": "Aminata Fatoumata",
    "sex": "F",
    "birth_date": "1990-04-12",
    "hire_date": "2014-09-01",
    "corps": "officiers",
    "grade": "officier-2",
}


@pytest.fixture
def portal_url(functional):
    return functional["portal"].absolute_url()


def login(page, portal_url, username, password):
    page.goto(f"{portal_url}/login")
    page.locator("#__ac_name").fill(username)
    page.locator("#__ac_password").fill(password)
    page.locator("#buttons-login").click()
    page.wait_for_load_state()
    # Logged in: the login form is gone, no error message.
    expect(page.locator("#__ac_password")).to_have_count(0)


def logout(page, portal_url):
    page.goto(f"{portal_url}/logout")
    page.wait_for_load_state()
    # Anonymous again: the home page offers to log in.
    page.goto(portal_url)
    expect(page.locator(".sirhp-home a", has_text="Se connecter")).to_be_visible()


def fire_transition(page, transition):
    """Click the transition button of the file page, then confirm."""
    page.locator(f"a.sirhp-transition-{transition}").first.click()
    expect(page).to_have_url(
        re.compile(rf"@@sirhp-transition\?transition={transition}")
    )
    page.locator("form button[name='form.submitted']").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-danger")).to_have_count(0)
    expect(page.locator(".portalMessage").first).to_contain_text("Action effectuée")


def test_file_lifecycle(functional, page, testdata, portal_url, results_dir):
    portal = functional["portal"]
    agency_url = f"{portal_url}/police-nationale"
    file_url = f"{agency_url}/{NEW['matricule']}"

    # --- 1. The clerk creates the file and submits it -----------------------
    login(page, portal_url, "clerk.pn", testdata.PASSWORD)
    page.goto(agency_url)
    page.get_by_role("link", name="Nouveau dossier").click()
    expect(page).to_have_url(f"{agency_url}/++add++PersonnelFile")
    page.wait_for_load_state("load")

    page.locator("#form-widgets-matricule").fill(NEW["matricule"])
    page.locator("#form-widgets-last_name").fill(NEW["last_name"])
    page.locator("#form-widgets-first_names").fill(NEW["first_names"])
    page.locator("#form-widgets-sex").select_option(NEW["sex"])
    page.locator("#form-widgets-birth_date").fill(NEW["birth_date"])
    # Corps, grade and date of hire are on the "Carrière" tab.
    page.locator("nav.autotoc-nav a", has_text="Carrière").click()
    page.locator("#form-widgets-hire_date").fill(NEW["hire_date"])
    page.locator("#form-widgets-corps").select_option(NEW["corps"])
    page.locator("#form-widgets-grade").select_option(NEW["grade"])
    page.locator("#form-buttons-save").click()
    page.wait_for_load_state()

    expect(page.locator("#form .invalid-feedback, #form .is-invalid")).to_have_count(0)
    expect(page).to_have_url(re.compile(rf"{re.escape(file_url)}/?(view)?$"))
    expect(page.locator("h1.documentFirstHeading")).to_contain_text("KEÏTA")
    expect(page.locator(".sirhp-file .lead")).to_contain_text(NEW["matricule"])
    expect(page.locator(".sirhp-state")).to_have_text("Brouillon")

    fire_transition(page, "submit")
    expect(page).to_have_url(re.compile(rf"{re.escape(file_url)}/?$"))
    expect(page.locator(".sirhp-file-head .sirhp-state")).to_have_text(
        "En attente de validation"
    )
    logout(page, portal_url)

    # --- 2. The reviewer validates it from the home page --------------------
    login(page, portal_url, "reviewer.pn", testdata.PASSWORD)
    page.goto(portal_url)
    waiting = page.locator("#a-valider")
    expect(waiting.locator("h2")).to_contain_text("À valider")
    row = waiting.locator("tbody tr", has_text=NEW["matricule"])
    expect(row).to_have_count(1)
    row.locator("a").first.click()
    expect(page).to_have_url(re.compile(rf"{re.escape(file_url)}/?$"))

    fire_transition(page, "validate")
    expect(page.locator(".sirhp-file-head .sirhp-state")).to_have_text("Validé")
    page.goto(portal_url)
    expect(
        page.locator("#a-valider tbody tr", has_text=NEW["matricule"])
    ).to_have_count(0)
    logout(page, portal_url)

    # --- 3. Officer A reads their own file, not officer B's -----------------
    own = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    other = portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
    own_matricule, other_matricule = own.matricule, other.matricule
    own_last, other_last = own.last_name, other.last_name
    other_first = other.first_names
    assert own_last != other_last

    login(page, portal_url, own_matricule, testdata.PASSWORD)
    response = page.goto(f"{agency_url}/{own_matricule}")
    assert response.status == 200
    expect(page.locator("h1.documentFirstHeading")).to_contain_text(own_last.upper())
    expect(page.locator("section#identite h2")).to_have_text("Identité")
    expect(page.locator("section#identite .field-matricule")).to_have_text(
        own_matricule
    )
    page.screenshot(path=str(results_dir / "officer-file.png"), full_page=True)

    other_url = f"{portal_url}/{testdata.path_of('pn_validated2')}"
    response = page.goto(other_url)
    page.wait_for_load_state()
    assert page.locator(".sirhp-file").count() == 0
    assert not (response.status == 200 and page.url.rstrip("/") == other_url)
    content = page.locator("#content, main, body").first.inner_text()
    assert other_matricule not in content
    assert other_last not in content and other_last.upper() not in content
    assert other_first not in content
