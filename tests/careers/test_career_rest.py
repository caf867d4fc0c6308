"""GET <file>/@career over HTTP: who may read a career, ?at=, refusals."""

import pytest
import requests

JSON = {"Accept": "application/json"}


@pytest.fixture
def career_url(functional, testdata):
    portal_url = functional["portal"].absolute_url()
    return f"{portal_url}/{testdata.path_of('pn_validated')}/@career"


def _get(url, auth, **params):
    return requests.get(url, auth=auth, headers=JSON, params=params, timeout=30)


@pytest.mark.parametrize("login", ["clerk.pn", "hrmanager.pn", "officer A"], ids=str)
def test_allowed(career_url, testdata, login):
    if login == "officer A":
        login = testdata.FILES["pn_validated"]
    response = _get(career_url, (login, testdata.PASSWORD))
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"current", "events", "positions"}
    assert body["events"][0]["type"] == "recruitment"
    assert body["events"][0]["@id"].startswith(career_url.rsplit("/@career")[0])
    assert body["current"]["status"] == "active"
    assert body["current"]["seniority"]["service"]["years"] >= 0


def test_explicit_date(career_url, testdata):
    auth = ("clerk.pn", testdata.PASSWORD)
    body = _get(career_url, auth, at="2026-11-01").json()
    assert body["current"]["at"] == "2026-11-01"
    # before the recruitment: no seniority yet
    hired = body["current"]["hire_date"]
    early = _get(career_url, auth, at="1990-01-01").json()["current"]
    assert hired > "1990-01-01"
    assert early["seniority"]["service"] is None


@pytest.mark.parametrize("value", ["01/11/2026", "2026-13-01", "demain"])
def test_bad_date_is_400_in_french(career_url, testdata, value):
    response = _get(career_url, ("clerk.pn", testdata.PASSWORD), at=value)
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "BadRequest"
    assert "AAAA-MM-JJ" in body["message"]


@pytest.mark.parametrize("login", ["clerk.ocs", "officer B", None], ids=str)
def test_refused(career_url, testdata, login):
    if login == "officer B":
        login = testdata.FILES["pn_validated2"]
    auth = (login, testdata.PASSWORD) if login else None
    response = _get(career_url, auth)
    assert response.status_code in (401, 403, 404)
    assert "events" not in response.text


def test_bad_date_in_english(career_url, testdata):
    response = requests.get(
        career_url,
        auth=("clerk.pn", testdata.PASSWORD),
        headers=JSON,
        cookies={"I18N_LANGUAGE": "en"},  # the site negotiates by cookie
        params={"at": "tomorrow"},
        timeout=30,
    )
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["message"]


def test_act_ending_before_its_date_refused_in_french(functional, testdata):
    portal_url = functional["portal"].absolute_url()
    response = requests.post(
        f"{portal_url}/{testdata.path_of('pn_draft')}",
        auth=("clerk.pn", testdata.PASSWORD),
        headers=JSON,
        json={
            "@type": "CareerEvent",
            "event_type": "suspension",
            "event_date": "2024-03-01",
            "end_date": "2024-02-01",
        },
        timeout=30,
    )
    assert response.status_code == 400
    assert (
        "La date de fin ne peut pas précéder la date d'effet."
        in (response.json()["message"])
    )
