"""@@import-agents and @import-agents over HTTP: a dry run stores nothing,
an import creates drafts, the wrong persons are refused."""

from base64 import b64encode
from plone import api
import pytest
import requests
from tests.legacy import rows as registers
import transaction

JSON = {"Accept": "application/json"}


def _post(portal, user, data, dry_run):
    return requests.post(
        f"{portal.absolute_url()}/police-nationale/@import-agents",
        json={
            "data": b64encode(data).decode(),
            "filename": "a.xlsx",
            "dry_run": dry_run,
        },
        auth=(user, "secret-test-1"),
        headers=JSON,
        timeout=120,
    )


def test_rest_dry_run_then_import(functional):
    portal = functional["portal"]
    bad = registers.xlsx([registers.row(1), registers.row(2, birth_date="hier")])
    response = _post(portal, "clerk.pn", bad, False)
    assert response.status_code == 400, response.text
    (problem,) = response.json()["problems"]
    assert problem["row"] == 3 and problem["column"] == "Date de naissance"
    good = registers.xlsx([registers.row(1), registers.row(2)])
    response = _post(portal, "clerk.pn", good, True)
    assert response.status_code == 200 and response.json()["valid"] == 2
    transaction.begin()
    assert "900001K" not in portal["police-nationale"]
    response = _post(portal, "hrmanager.pn", good, False)
    assert response.status_code == 201, response.text
    assert response.json()["created"] == ["900001K", "900002K"]
    transaction.begin()
    assert api.content.get_state(portal["police-nationale"]["900001K"]) == "draft"


@pytest.mark.parametrize(
    "user", ["reviewer.pn", "clerk.ocs", "commander.pn", "auditor"]
)
def test_rest_and_page_refused(functional, user):
    portal = functional["portal"]
    response = _post(portal, user, registers.xlsx([registers.row(1)]), True)
    assert response.status_code in (401, 403, 404)
    page = requests.get(
        f"{portal.absolute_url()}/police-nationale/@@import-agents",
        auth=(user, "secret-test-1"),
        timeout=30,
        allow_redirects=False,
    )
    assert page.status_code in (302, 401, 403, 404)


def test_page_template_and_dry_run(functional):
    portal = functional["portal"]
    url = f"{portal.absolute_url()}/police-nationale/@@import-agents"
    session = requests.Session()
    session.auth = ("clerk.pn", "secret-test-1")
    template = session.get(url, params={"modele": "1"}, timeout=30)
    assert template.status_code == 200 and template.content.startswith(b"PK")
    page = session.get(url, timeout=30)
    assert page.status_code == 200 and "Reprise des registres" in page.text
    token = page.text.split('name="_authenticator" value="')[1].split('"')[0]
    data = registers.xlsx([registers.row(1, grade="inconnu")])
    answer = session.post(
        url,
        data={"_authenticator": token, "verifier": "1"},
        files={"fichier": ("a.xlsx", data)},
        timeout=60,
    )
    assert "Grade « inconnu » inconnu." in answer.text
    assert 'name="map_0"' in answer.text
