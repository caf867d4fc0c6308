"""``sirhp: Search staff for deployment`` on the Police nationale, for every
persona of the access table: in process (the permission map) and over HTTP
(page and endpoint, the French 400), against
``sirhp.policy.deployment.access``."""

from plone import api
import pytest
import requests
from sirhp.content.permissions import SearchDeployment
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.deployment.access import DEPLOYMENT_SEARCHERS
from tests.security.planted import log_in_as
from tests.security.planted import login_of

PATHS = ("@deployment-search", "@@recherche-deploiement")


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_map(portal, persona):
    log_in_as(portal, persona)
    agency = portal["police-nationale"]
    allowed = api.user.has_permission(SearchDeployment, obj=agency)
    assert allowed is (persona in DEPLOYMENT_SEARCHERS)


def _get(url, auth, **params):
    return requests.get(
        url,
        params=params,
        auth=auth,
        headers={"Accept": "application/json"},
        allow_redirects=False,
        timeout=60,
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_http(functional, testdata, persona):
    url = functional["portal"]["police-nationale"].absolute_url()
    user = login_of(persona)
    auth = (user, testdata.PASSWORD) if user else None
    for path in PATHS:
        response = _get(f"{url}/{path}", auth)
        if persona in DEPLOYMENT_SEARCHERS:
            assert response.status_code == 200, (path, response.status_code)
        else:
            assert response.status_code in (401, 403), (path, response.status_code)


def test_rest_answer_and_french_400(functional, testdata):
    url = functional["portal"]["police-nationale"].absolute_url()
    auth = ("hrmanager.pn", testdata.PASSWORD)
    response = _get(f"{url}/@deployment-search", auth, available_on="2026-11-09")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["items_total"] == len(body["items"]) == 2
    assert set(body["facets"]) >= {"skill", "language", "grade", "unit", "region"}
    assert set(body["items"][0]) >= {"@id", "matricule", "name", "grade", "unit"}
    response = _get(f"{url}/@deployment-search", auth, language="klingon")
    assert response.status_code == 400
    assert (
        response.json()["message"] == "Valeur inconnue pour « language » : « klingon »."
    )
    response = _get(f"{url}/@deployment-search", auth, available_on="demain")
    assert response.status_code == 400
    assert "Date invalide" in response.json()["message"]


def test_page_shows_results_and_facets(functional, testdata):
    url = functional["portal"]["police-nationale"].absolute_url()
    auth = ("hrmanager.pn", testdata.PASSWORD)
    response = requests.get(f"{url}/@@recherche-deploiement", auth=auth, timeout=60)
    assert response.status_code == 200
    assert testdata.FILES["pn_validated"] in response.text
    assert "Recherche pour déploiement" in response.text
    response = requests.get(
        f"{url}/@@recherche-deploiement?language=klingon", auth=auth, timeout=60
    )
    assert response.status_code == 400
    assert "Valeur inconnue pour « language » : « klingon »." in response.text


def test_page_in_english(functional, testdata):
    url = functional["portal"]["police-nationale"].absolute_url()
    response = requests.get(
        f"{url}/@@recherche-deploiement",
        auth=("hrmanager.pn", testdata.PASSWORD),
        cookies={"I18N_LANGUAGE": "en"},  # the user's choice of language
        timeout=60,
    )
    assert response.status_code == 200
    assert "Search for deployment" in response.text
    assert "Officers found:" in response.text
