"""axe-core on the staff pages that scripts/lighthouse.py audits, as the same
roles: no violation of impact ``serious`` or ``critical`` in SIRHP's markup.

axe-core is the npm package pinned in tools/lighthouse/package-lock.json
(the version Lighthouse's accessibility category runs); when
tools/lighthouse/node_modules is missing, scripts/lighthouse.py --install
installs it (npm ci) before the first test. One login per role, then the
role's pages one after the other.
"""

from collections import defaultdict
from pathlib import Path
import pytest
import subprocess
import sys
from tests.browser.test_file_lifecycle import login
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parents[2]
BLOCKING = ("serious", "critical")
# Plone's toolbar: only Managers keep it (the SIRHP theme removes it for
# staff); its markup is Plone's, not SIRHP's.
EXCLUDE = ["#edit-zone"]
RUN_AXE = """exclude => axe.run(
  {exclude: exclude.map(selector => [selector])},
  {resultTypes: ['violations']}
).then(results => results.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' + n.html.slice(0, 160))
})))"""


def load_lighthouse_script():
    return load_script("scripts/lighthouse.py")


LIGHTHOUSE = load_lighthouse_script()


def pages_by_login(officer):
    """{login or None: [(name, path)]} from the Lighthouse page list."""
    pages = defaultdict(list)
    for name, user, path in LIGHTHOUSE.PAGES:
        user = user and user.format(officer=officer)
        pages[user].append((name, path.format(officer=officer)))
    return pages


ROLES = list(pages_by_login("{officer}"))


@pytest.fixture(scope="module")
def axe_script():
    if not LIGHTHOUSE.AXE.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "lighthouse.py"), "--install"],
            check=True,
        )
    return LIGHTHOUSE.AXE


def violations(page, axe_script):
    page.add_script_tag(path=str(axe_script))
    return [
        violation
        for violation in page.evaluate(RUN_AXE, EXCLUDE)
        if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize(
    "role",
    ROLES,
    ids=[(role or "anonymous").format(officer="officer") for role in ROLES],
)
def test_no_serious_violation(functional, testdata, page, axe_script, role):
    portal_url = functional["portal"].absolute_url()
    officer = testdata.FILES["pn_validated"]
    user = role and role.format(officer=officer)
    if user:
        login(page, portal_url, user, testdata.PASSWORD)
    found = {}
    for name, path in pages_by_login(officer)[user]:
        response = page.goto(f"{portal_url}/{path}")
        assert response.status == 200, (name, response.status)
        page.wait_for_load_state("load")
        found[name] = violations(page, axe_script)
    assert not any(found.values()), found
