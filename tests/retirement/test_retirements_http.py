"""GET <agency>/@retirements over HTTP: who gets it, the French 400, and
the page @@departs-retraite refused to the wrong people."""

import pytest
import requests
from tests.retirement.conftest import set_known_dates
import transaction


@pytest.fixture
def url(functional, testdata):
    portal = functional["portal"]
    set_known_dates(portal, testdata)
    transaction.commit()
    return portal["police-nationale"].absolute_url()


def _get(url, login, password, **params):
    auth = (login, password) if login else None
    return requests.get(
        url,
        params=params,
        auth=auth,
        headers={"Accept": "application/json"},
        allow_redirects=False,
        timeout=30,
    )


@pytest.mark.parametrize("login", ["hrmanager.pn", "auditor", "siteadmin"])
def test_allowed(url, testdata, login):
    response = _get(
        f"{url}/@retirements", login, testdata.PASSWORD, **{"from": 2027, "to": 2027}
    )
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [item["matricule"] for item in items] == [
        testdata.FILES["pn_validated"],
        testdata.FILES["pn_validated2"],
    ]
    assert items[0]["retirement_date"] == "2027-02-20"


@pytest.mark.parametrize(
    "login", ["clerk.pn", "reviewer.pn", "hrmanager.ocs", "officer", None]
)
def test_refused(url, testdata, login):
    login = testdata.FILES["pn_validated"] if login == "officer" else login
    for path in ("@retirements", "@@departs-retraite"):
        response = _get(f"{url}/{path}", login, testdata.PASSWORD)
        assert response.status_code in (401, 403), (path, response.status_code)
        assert testdata.FILES["pn_validated"] not in response.text


@pytest.mark.parametrize(
    "params", [{"from": "27", "to": "2027"}, {"from": "2030", "to": "2027"}]
)
def test_bad_years(url, testdata, params):
    response = _get(f"{url}/@retirements", "hrmanager.pn", testdata.PASSWORD, **params)
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "BadRequest"
    assert "année" in body["message"].lower()


def test_bad_years_in_english(url, testdata):
    response = requests.get(
        f"{url}/@retirements",
        params={"from": "27", "to": "2027"},
        auth=("hrmanager.pn", testdata.PASSWORD),
        headers={"Accept": "application/json"},
        cookies={"I18N_LANGUAGE": "en"},  # the user's choice of language
        timeout=30,
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Give four-digit years (for example 2027)."


def test_page_allowed(url, testdata):
    response = requests.get(
        f"{url}/@@departs-retraite",
        auth=("hrmanager.pn", testdata.PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200
    assert "<svg" in response.text
