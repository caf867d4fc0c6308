"""Sessions end on the server: after a logout, a password change and the
archive of the officer's file, neither the ``__ac`` cookie nor the JWT
issued before authenticates any more, and ``@login-renew`` refuses the token.
"""

import base64
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.session import tktauth
import pytest
import re
import requests
from sirhp.policy.login import sessions
from tests.security.audit_helpers import clear_login_failures
import transaction

JSON = {"Accept": "application/json"}
SAME_ORIGIN = {**JSON, "Sec-Fetch-Site": "same-origin"}
NEW_PASSWORD = "Nouveau-mot-de-passe-42"


@pytest.fixture
def base(functional):
    clear_login_failures()
    yield functional["portal"].absolute_url()
    clear_login_failures()


def cookie_login(base, login, password):
    """The ``__ac`` value of a Classic UI login."""
    response = requests.post(
        f"{base}/login",
        data={"__ac_name": login, "__ac_password": password, "buttons.login": "1"},
        allow_redirects=False,
        timeout=30,
    )
    assert "__ac" in response.cookies, response.status_code
    return response.cookies["__ac"]


def jwt_login(base, login, password):
    response = requests.post(
        f"{base}/@login",
        json={"login": login, "password": password},
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return response.json()["token"]


def with_cookie(base, cookie):
    """GET the site over REST with the cookie only (no cookie jar)."""
    return requests.get(
        base, cookies={"__ac": cookie}, headers=JSON, allow_redirects=False, timeout=30
    ).status_code


def with_token(base, token):
    return requests.get(
        base,
        headers={**JSON, "Authorization": f"Bearer {token}"},
        allow_redirects=False,
        timeout=30,
    ).status_code


def renew(base, token):
    return requests.post(
        f"{base}/@login-renew",
        headers={**JSON, "Authorization": f"Bearer {token}"},
        timeout=30,
    )


def open_sessions(base, login, password):
    cookie, token = (
        cookie_login(base, login, password),
        jwt_login(base, login, password),
    )
    assert with_cookie(base, cookie) == 200
    assert with_token(base, token) == 200
    return cookie, token


def assert_revoked(base, cookie, token):
    assert with_cookie(base, cookie) == 401
    assert with_token(base, token) == 401
    response = renew(base, token)
    assert response.status_code == 401
    assert "token" not in response.json()


# --- logout ---------------------------------------------------------------------


@pytest.mark.parametrize("by", ["cookie", "jwt"])
def test_rest_logout_ends_cookie_and_token(base, testdata, by):
    cookie, token = open_sessions(base, "clerk.pn", testdata.PASSWORD)
    if by == "cookie":
        response = requests.post(
            f"{base}/@logout", cookies={"__ac": cookie}, headers=SAME_ORIGIN, timeout=30
        )
    else:
        response = requests.post(
            f"{base}/@logout",
            headers={**JSON, "Authorization": f"Bearer {token}"},
            timeout=30,
        )
    assert response.status_code == 204
    assert_revoked(base, cookie, token)
    # a new login works
    assert with_cookie(base, cookie_login(base, "clerk.pn", testdata.PASSWORD)) == 200
    assert with_token(base, jwt_login(base, "clerk.pn", testdata.PASSWORD)) == 200


def test_classic_logout_ends_cookie_and_token(base, testdata):
    cookie, token = open_sessions(base, "reviewer.pn", testdata.PASSWORD)
    requests.get(f"{base}/logout", cookies={"__ac": cookie}, timeout=30)
    assert_revoked(base, cookie, token)


def test_renewed_token_revoked_too(base, testdata):
    cookie, token = open_sessions(base, "clerk.pn", testdata.PASSWORD)
    response = renew(base, token)
    assert response.status_code == 200
    renewed = response.json()["token"]
    if renewed != token:  # the same string when renewed within the second
        assert with_token(base, token) == 401  # the renewed one replaces it
    assert with_token(base, renewed) == 200
    requests.post(
        f"{base}/@logout",
        headers={**JSON, "Authorization": f"Bearer {renewed}"},
        timeout=30,
    )
    assert_revoked(base, cookie, renewed)


def test_forged_cookie_cannot_log_others_out(base, testdata):
    """plone.session's logout trusts the user named in the cookie: a forged
    one naming somebody must not end that person's sessions."""
    import time

    cookie, token = open_sessions(base, "clerk.pn", testdata.PASSWORD)
    ticket = "0" * 32 + f"{int(time.time()):08x}" + "clerk.pn!"
    forged = base64.b64encode(ticket.encode()).decode()
    for path in ("logout", "acl_users/logout", "acl_users/session/remove"):
        requests.get(f"{base}/{path}", cookies={"__ac": forged}, timeout=30)
    requests.post(
        f"{base}/@logout", cookies={"__ac": forged}, headers=SAME_ORIGIN, timeout=30
    )
    assert with_cookie(base, cookie) == 200
    assert with_token(base, token) == 200


# --- password change ------------------------------------------------------------------


def test_password_set_by_administrator_ends_sessions(base, testdata):
    cookie, token = open_sessions(base, "clerk.pn", testdata.PASSWORD)
    transaction.begin()
    api.portal.get_tool("acl_users").userSetPassword("clerk.pn", NEW_PASSWORD)
    transaction.commit()
    assert_revoked(base, cookie, token)
    assert with_cookie(base, cookie_login(base, "clerk.pn", NEW_PASSWORD)) == 200


def test_own_password_change_over_rest_ends_sessions(base, testdata):
    cookie, token = open_sessions(base, "hrmanager.pn", testdata.PASSWORD)
    other = jwt_login(base, "hrmanager.pn", testdata.PASSWORD)
    response = requests.post(
        f"{base}/@users/hrmanager.pn/reset-password",
        json={"old_password": testdata.PASSWORD, "new_password": NEW_PASSWORD},
        headers={**JSON, "Authorization": f"Bearer {other}"},
        timeout=30,
    )
    assert response.status_code in (200, 204), response.text
    assert_revoked(base, cookie, token)
    assert with_token(base, jwt_login(base, "hrmanager.pn", NEW_PASSWORD)) == 200


def test_own_password_change_in_browser_keeps_that_session(base, testdata):
    cookie, token = open_sessions(base, "clerk2.pn", testdata.PASSWORD)
    browser = requests.Session()
    browser.cookies.set("__ac", cookie_login(base, "clerk2.pn", testdata.PASSWORD))
    page = browser.get(f"{base}/@@change-password", timeout=30).text
    authenticator = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    response = browser.post(
        f"{base}/@@change-password",
        data={
            "form.widgets.current_password": testdata.PASSWORD,
            "form.widgets.new_password": NEW_PASSWORD,
            "form.widgets.new_password_ctl": NEW_PASSWORD,
            "form.buttons.reset_passwd": "Changer",
            "_authenticator": authenticator,
        },
        timeout=30,
    )
    assert response.status_code == 200
    assert_revoked(base, cookie, token)  # the other sessions end
    issued = [c.value for c in browser.cookies if c.name == "__ac"][-1]
    assert with_cookie(base, issued) == 200  # this one goes on


# --- disabled account (file archived) -------------------------------------------------


def test_archived_officer_loses_every_channel(base, functional, testdata):
    officer = testdata.FILES["pn_validated"]
    cookie, token = open_sessions(base, officer, testdata.PASSWORD)
    transaction.begin()
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_validated"))
    with api.env.adopt_user(username="hrmanager.pn"):
        api.content.transition(obj=file, transition="archive", comment="Retraite")
    transaction.commit()
    assert_revoked(base, cookie, token)
    assert (
        requests.get(
            base, auth=(officer, testdata.PASSWORD), headers=JSON, timeout=30
        ).status_code
        == 401
    )
    response = requests.post(
        f"{base}/@login",
        json={"login": officer, "password": testdata.PASSWORD},
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 401


def test_disabled_account_refused_even_with_a_fresh_token(base, testdata):
    """A disabled account authenticates by no channel, even a token or a
    cookie issued after (by code) or a password set after the archive."""
    officer = testdata.FILES["pn_validated2"]
    transaction.begin()
    portal = api.portal.get()
    from sirhp.policy.login import accounts

    accounts.disable_account(
        portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
    )
    api.portal.get_tool("acl_users").userSetPassword(officer, NEW_PASSWORD)
    token = sessions.jwt_plugin().create_token(officer)
    session = sessions.session_plugin()
    ticket = tktauth.createTicket(session._getSigningSecret(officer), officer)
    cookie = base64.b64encode(ticket).decode()
    transaction.commit()
    assert with_token(base, token) == 401
    assert with_cookie(base, cookie) == 401
    assert (
        requests.get(
            base, auth=(officer, NEW_PASSWORD), headers=JSON, timeout=30
        ).status_code
        == 401
    )


def test_configure_is_idempotent(portal):
    with api.env.adopt_user(SITE_OWNER_NAME):
        sessions.configure(portal)
        sessions.configure(portal)
    assert sessions.session_plugin().per_user_keyring
    assert sessions.jwt_plugin().store_tokens
    transaction.abort()
