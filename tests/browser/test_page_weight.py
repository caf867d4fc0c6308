"""Page weight on a 256 kbit/s link: bytes that cross the wire, as Chromium's
resource timing reports them (navigation + every resource ``transferSize``,
headers included; 0 for what the browser cache served).

Budgets: the login page, first visit with an empty cache, <= 150 KB; any
staff page after login (the bundles fetched at login are cached) <= 60 KB;
Mon dossier after login <= 40 KB. The server is the test site behind the
gzip filter of zope.ini (``weight`` layer). Figures, including the times
under an emulated 256 kbit/s + 300 ms link, go to
``test-results/page-weight.json`` (docs/benchmarks.md).
"""

import json
import pytest
from tests.browser.conftest import RESULTS
from tests.browser.test_file_lifecycle import login
import time

KB = 1024
LOGIN_BUDGET = 150 * KB
STAFF_BUDGET = 60 * KB
MON_DOSSIER_BUDGET = 40 * KB
# 256 kbit/s both ways, 300 ms round trip
SLOW_LINK = {
    "offline": False,
    "latency": 300,
    "downloadThroughput": 256_000 / 8,
    "uploadThroughput": 256_000 / 8,
}
STAFF_HOMES = (
    "clerk.pn",
    "reviewer.pn",
    "hrmanager.pn",
    "commander.pn",
    "recruiter.pn",
    "auditor",
)
FIGURES = {}

TRANSFERRED = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const items = performance.getEntriesByType('resource').map(
      r => [r.name, r.transferSize]);
  return {navigation: nav ? nav.transferSize : 0, resources: items};
}"""


@pytest.fixture
def site(weight_url, testdata):
    return weight_url


@pytest.fixture
def context(browser):
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture(scope="module", autouse=True)
def figures():
    yield FIGURES
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "page-weight.json").write_text(json.dumps(FIGURES, indent=2))


def visit(page, url=None):
    """Load URL (default: measure the page shown) and return the bytes
    transferred for it and its resources."""
    if url:
        page.goto(url)
    page.wait_for_load_state("networkidle")
    measured = page.evaluate(TRANSFERRED)
    total = measured["navigation"] + sum(size for _name, size in measured["resources"])
    heavy = sorted(measured["resources"], key=lambda item: -item[1])[:12]
    return total, heavy


def record(name, total, heavy):
    FIGURES[name] = {"bytes": total, "heaviest": heavy}
    print(f"{name}: {total / KB:.1f} KB {heavy}")


def test_login_page_empty_cache(context, site):
    total, heavy = visit(context.new_page(), f"{site}/login")
    record("login", total, heavy)
    assert total <= LOGIN_BUDGET, (total, heavy)


@pytest.mark.parametrize("user", STAFF_HOMES)
def test_staff_home_after_login(context, site, testdata, user):
    page = context.new_page()
    login(page, site, user, testdata.PASSWORD)
    # The landing page the login form leads to is the first staff page: it
    # is plain HTML (no Plone JavaScript but on forms and for
    # administrators), the style sheets cached by the login page.
    total, heavy = visit(page)
    record(f"home {user}", total, heavy)
    assert total <= STAFF_BUDGET, (total, heavy)
    # the bundle cached, the same page is within the staff budget
    total, heavy = visit(page, page.url)
    record(f"home {user} again", total, heavy)
    assert total <= STAFF_BUDGET, (total, heavy)


@pytest.mark.parametrize(
    "name, path",
    [
        ("personnel file", "{file}"),
        ("a-valider", "@@a-valider"),
        ("agency listing", "police-nationale"),
        ("document search", "police-nationale/@@recherche-pieces"),
    ],
)
def test_staff_pages_after_login(context, site, testdata, name, path):
    page = context.new_page()
    login(page, site, "hrmanager.pn", testdata.PASSWORD)
    url = f"{site}/" + path.format(file=testdata.path_of("pn_validated"))
    total, heavy = visit(page, url)
    record(name, total, heavy)
    assert total <= STAFF_BUDGET, (total, heavy)


def test_mon_dossier_after_login(context, site, testdata):
    page = context.new_page()
    login(page, site, testdata.FILES["pn_validated"], testdata.PASSWORD)
    total, heavy = visit(page, f"{site}/@@mon-dossier")
    record("mon dossier", total, heavy)
    assert total <= MON_DOSSIER_BUDGET, (total, heavy)


def test_slow_link_figures(context, site, testdata):
    """Times on an emulated 256 kbit/s, 300 ms link: recorded for the
    benchmarks, and held to the targets (login usable <= 6 s, Mon dossier
    and a staff home page after login <= 3 s)."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
    start = time.monotonic()
    page.goto(f"{site}/login", wait_until="load")
    login_seconds = time.monotonic() - start
    login(page, site, testdata.FILES["pn_validated"], testdata.PASSWORD)
    start = time.monotonic()
    page.goto(f"{site}/@@mon-dossier", wait_until="load")
    dossier_seconds = time.monotonic() - start
    context.clear_cookies()
    login(page, site, "hrmanager.pn", testdata.PASSWORD)
    start = time.monotonic()
    page.goto(site, wait_until="load")
    home_seconds = time.monotonic() - start
    FIGURES["slow link"] = {
        "login_s": round(login_seconds, 2),
        "mon_dossier_after_login_s": round(dossier_seconds, 2),
        "staff_home_after_login_s": round(home_seconds, 2),
    }
    print(FIGURES["slow link"])
    assert login_seconds <= 6, login_seconds
    assert dossier_seconds <= 3, dossier_seconds
    assert home_seconds <= 3, home_seconds
