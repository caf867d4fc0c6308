"""SIRHP's screens in a real browser, on a 375 x 667 phone screen: no Plone
logo, colophon or toolbar, the navigation of each role (and nothing else),
home page and Mon dossier without horizontal scrolling, all without Plone's
JavaScript. One test: one login per role."""

from playwright.sync_api import expect
import pytest
from tests.browser.test_file_lifecycle import login
from tests.browser.test_file_lifecycle import logout
from tests.policy.test_theme import EXPECTED

NO_HORIZONTAL_SCROLL = "document.documentElement.scrollWidth <= 375"


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 375, "height": 667}
    )
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def portal_url(functional):
    return functional["portal"].absolute_url()


def test_screens_per_role(functional, testdata, phone, portal_url):
    page = phone
    page.goto(portal_url)
    for name, expected in EXPECTED.items():
        user = testdata.FILES["pn_validated"] if name == "officer" else name
        login(page, portal_url, user, testdata.PASSWORD)
        page.goto(portal_url)
        # the officer lands on Mon dossier, staff on the home page
        expect(page.locator(".sirhp-name")).to_have_text("SIRHP")
        expect(page.locator(".sirhp-flag span")).to_have_count(3)
        expect(page.locator("img[src*='plone-logo'], #portal-colophon")).to_have_count(
            0
        )
        expect(page.locator("#edit-zone, #portal-toolbar *")).to_have_count(0)
        expect(page.locator("#portal-footer-wrapper")).not_to_contain_text("Plone")
        expect(page.locator("#portal-footer-wrapper")).to_contain_text("SIRHP")
        items = page.locator("#portal-globalnav > li")
        shown = [
            c.split("sirhp-nav-")[1]
            for c in items.evaluate_all(
                "items => items.map(i => [...i.classList].find(c => c.startsWith('sirhp-nav-')))"
            )
        ]
        assert shown == expected, (name, shown)
        # every item is visible without a script (no off-canvas panel)
        for index in range(items.count()):
            expect(items.nth(index).locator("a")).to_be_visible()
        assert page.evaluate(NO_HORIZONTAL_SCROLL), (name, page.url)
        if name == "officer":
            page.goto(f"{portal_url}/@@mon-dossier")
            assert page.evaluate(NO_HORIZONTAL_SCROLL), "mon-dossier"
        scripts = page.evaluate(
            "[...document.scripts].map(s => s.src).filter(s => s.includes('bundle-plone'))"
        )
        assert not scripts, scripts
        page.locator(".sirhp-logout").click()
        page.wait_for_load_state()
        logout(page, portal_url)
