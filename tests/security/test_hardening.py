"""Hardened edges: security headers, REST API closed to anonymous users."""

import pytest
import requests

JSON = {"Accept": "application/json"}


@pytest.fixture
def base(functional):
    return functional["portal"].absolute_url()


@pytest.mark.parametrize("path", ["", "/police-nationale", "/login", "/nothing-here"])
def test_security_headers_on_pages(base, path):
    response = requests.get(base + path, timeout=30, allow_redirects=False)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp
    assert "object-src 'none'" in csp


def test_security_headers_on_api_errors(base):
    response = requests.get(base + "/@search", headers=JSON, timeout=30)
    assert response.status_code == 401
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/@search",
        "/@users",
        "/@groups",
        "/@principals?search=a",
        "/@types",
        "/@navigation",
        "/@vocabularies/plone.app.vocabularies.Users",
        "/police-nationale",
    ],
)
def test_anonymous_api_refused(base, path):
    response = requests.get(base + path, headers=JSON, timeout=30)
    assert response.status_code == 401
    assert "items" not in response.text


def test_anonymous_api_login_allowed(base, testdata):
    response = requests.post(
        base + "/@login",
        json={"login": "clerk.pn", "password": testdata.PASSWORD},
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 200
    token = response.json()["token"]
    listed = requests.get(
        base + "/@search?portal_type=PersonnelFile",
        headers={**JSON, "Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert listed.status_code == 200
    assert listed.json()["items_total"] > 0


def test_anonymous_html_home_still_served(base):
    response = requests.get(base, timeout=30)
    assert response.status_code == 200
    assert "Se connecter" in response.text


def _login_cookie(base, url):
    """POST the login form through ``url``; the Set-Cookie header of __ac."""
    response = requests.post(
        url,
        data={
            "__ac_name": "clerk.pn",
            "__ac_password": "secret-test-1",
            "buttons.login": "Se connecter",
            "came_from": "",
        },
        timeout=30,
        allow_redirects=False,
    )
    cookies = [
        value
        for name, value in response.raw.headers.items()
        if name.lower() == "set-cookie" and value.startswith("__ac=")
    ]
    assert cookies, (response.status_code, response.headers)
    return response, cookies[0]


def test_login_cookie_httponly_samesite_not_secure_over_http(base):
    response, cookie = _login_cookie(base, base + "/login")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP: a Secure cookie would be lost
    assert "Strict-Transport-Security" not in response.headers


def test_login_cookie_secure_over_https(functional, base):
    """Behind the TLS proxy (virtual host https): Secure cookie and HSTS."""
    import transaction

    app = functional["app"]
    if "virtual_hosting" not in app.objectIds():
        # production instances have it (Zope creates it); the test app not
        from Products.SiteAccess.VirtualHostMonster import manage_addVirtualHostMonster

        manage_addVirtualHostMonster(app, "virtual_hosting")
        transaction.commit()
    server, site = base.rsplit("/", 1)
    url = f"{server}/VirtualHostBase/https/sirhp.example.ml:443/{site}/VirtualHostRoot/login"
    response, cookie = _login_cookie(base, url)
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
