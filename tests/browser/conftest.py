"""Playwright fixtures: Debian's Chromium, headless, no network access needed.

``browser`` is started once per session; ``page`` is a fresh context (no
cookies shared between tests) with French as the browser language.
Every test of this folder is marked ``browser``.
"""

from pathlib import Path
from playwright.sync_api import expect
import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: apt-get install -y chromium "
            "(never `playwright install`)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="fr-FR",
        viewport={"width": 1280, "height": 900},
    )
    # generous: CI runs two test processes and Chromium on two cores
    context.set_default_timeout(30_000)
    expect.set_options(timeout=15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def results_dir():
    RESULTS.mkdir(parents=True, exist_ok=True)
    return RESULTS
