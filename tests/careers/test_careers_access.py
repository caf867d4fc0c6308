"""The careers access table (``sirhp.policy.careers.access.CAREERS``) over
HTTP: every persona asks every endpoint and page of careers, retirement,
référentiels and leave; the answer says "allowed" exactly when the table
does, and nothing is stored (a POST is sent a body the API refuses)."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.careers.access import CAREERS
from tests.security.access import login_of

AGENCY = "police-nationale"
# operation -> (method, where, path, params); where: file, agency or site
ASKED = {
    "career": ("GET", "file", "@career", {}),
    "career_at": ("GET", "file", "@career", {"at": "2020-01-01"}),
    "collective_act": ("POST", "agency", "@collective-act", {}),
    "collective_page": ("GET", "agency", "@@acte-collectif", {}),
    "collective_batch": ("POST", "agency", "@collective-decision", {}),
    "retirements": ("GET", "agency", "@retirements", {"start": 2026, "end": 2030}),
    "retirements_page": ("GET", "agency", "@@departs-retraite", {}),
    "referentials_read": ("GET", "site", "@referentials", {}),
    "referentials_add": ("POST", "agency", "@referentials", {}),
    "statute_mapping": ("POST", "agency", "@statute-mapping", {}),
    "referentials_panel": ("GET", "agency", "@@referentiels-statut", {}),
    "leave": ("POST", "file", "@leave", {}),
    "leave_balance": ("GET", "file", "@leave-balance", {}),
    "absences": ("GET", "agency", "@absences", {}),
    "leave_page": ("GET", "file", "@@demander-conge", {}),
    "career_check": ("GET", "agency", "@career-check", {}),
    "career_check_page": ("GET", "agency", "@@controle-carrieres", {}),
    "eligibility": ("GET", "file", "@eligibility", {}),
}
REFUSED = (302, 401, 403, 404)


@pytest.fixture
def bases(functional, testdata):
    portal_url = functional["portal"].absolute_url()
    return {
        "site": portal_url,
        "agency": f"{portal_url}/{AGENCY}",
        "file": f"{portal_url}/{testdata.path_of('pn_validated')}",
    }


def _ask(bases, operation, persona, password):
    method, where, path, params = ASKED[operation]
    login = login_of(CAREERS.key, persona, "validated")
    page = path.startswith("@@")
    headers = {"Accept": "text/html" if page else "application/json"}
    auth = None if login is None else (login, password)
    url = f"{bases[where]}/{path}"
    if method == "GET":
        return requests.get(
            url,
            auth=auth,
            headers=headers,
            params=params,
            allow_redirects=False,
            timeout=60,
        )
    # a body the API refuses: the permission let it through, nothing stored
    return requests.post(
        url,
        auth=auth,
        headers=headers,
        json={"bad": True},
        allow_redirects=False,
        timeout=60,
    )


def test_every_operation_is_asked():
    assert set(ASKED) == set(CAREERS.operations)


@pytest.mark.parametrize("persona", PERSONAS)
def test_operation_map(bases, testdata, persona):
    """The whole operation map of one persona."""
    wrong = {}
    for operation in CAREERS.operations:
        response = _ask(bases, operation, persona, testdata.PASSWORD)
        method = ASKED[operation][0]
        ok = (200,) if method == "GET" else (400,)
        if response.status_code in ok:
            actual = True
        else:
            assert response.status_code in REFUSED, (operation, response.text[:300])
            actual = False
        if actual != CAREERS.allowed(persona, "validated", operation):
            wrong[operation] = (actual, response.status_code)
    assert wrong == {}, f"{persona}: the actual values that differ"


def test_a_refused_post_stores_nothing(bases):
    versions = requests.get(
        f"{bases['site']}/@referentials",
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()["versions"]
    assert versions == ["2021-01-01"]
