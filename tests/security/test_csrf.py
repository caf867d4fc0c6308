"""REST writes with the browser session cookie must come from the portal."""

import pytest
import re
import requests
import transaction

JSON = {"Accept": "application/json"}


def cookie_session(base, login, password):
    session = requests.Session()
    session.get(base + "/login", timeout=30)
    session.post(
        base + "/login",
        data={"__ac_name": login, "__ac_password": password, "buttons.login": "1"},
        allow_redirects=False,
        timeout=30,
    )
    assert "__ac" in session.cookies
    return session


@pytest.fixture
def setup(functional, testdata):
    base = functional["portal"].absolute_url()
    url = f"{base}/{testdata.path_of('pn_draft')}"
    return base, url, cookie_session(base, "clerk.pn", testdata.PASSWORD)


def position(functional, testdata):
    transaction.begin()
    return (
        functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft")).position
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example.org", "Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example.org"},
        {},
    ],
)
def test_cross_site_cookie_write_refused(functional, testdata, setup, headers):
    base, url, session = setup
    response = session.patch(
        url, json={"position": "Forgé"}, headers={**JSON, **headers}, timeout=30
    )
    assert response.status_code == 403
    assert position(functional, testdata) != "Forgé"


@pytest.mark.parametrize("mode", ["fetch-metadata", "origin"])
def test_same_origin_cookie_write_allowed(functional, testdata, setup, mode):
    base, url, session = setup
    origin = re.match(r"https?://[^/]+", base).group(0)
    headers = (
        {"Sec-Fetch-Site": "same-origin"}
        if mode == "fetch-metadata"
        else {"Origin": origin}
    )
    response = session.patch(
        url,
        json={"position": f"Légitime {mode}"},
        headers={**JSON, **headers},
        timeout=30,
    )
    assert response.status_code == 204
    assert position(functional, testdata) == f"Légitime {mode}"


def test_cookie_read_is_not_concerned(setup):
    base, url, session = setup
    assert session.get(url, headers=JSON, timeout=30).status_code == 200


def test_basic_auth_clients_not_concerned(functional, testdata):
    base = functional["portal"].absolute_url()
    url = f"{base}/{testdata.path_of('pn_draft')}"
    response = requests.patch(
        url,
        json={"position": "Intégration"},
        auth=("clerk.pn", testdata.PASSWORD),
        headers={**JSON, "Origin": "https://other.example.org"},
        timeout=30,
    )
    assert response.status_code == 204
