"""TOTP recovery codes and the administrator's reset (lost phone)."""

import json
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pyotp
import pytest
import re
import requests
import runpy
from sirhp.policy.login import recovery_codes
from sirhp.policy.login import throttle
from sirhp.policy.login import totp
from sirhp.policy.login import totp_store
from tests.security.audit_helpers import events_since
from tests.security.audit_helpers import last_id
from tests.security.audit_helpers import refused_page
from tests.security.test_totp import _login
import time
import transaction

JSON = {"Accept": "application/json"}
CODE = re.compile(r"<code>([0-9A-Z]{4}-[0-9A-Z]{4})</code>")
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "totp_reset.py"
ADMIN = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
NOT_ADMINS = ["clerk.pn", "reviewer.pn", "hrmanager.pn", "auditor", "commander.pn"]


@pytest.fixture(autouse=True)
def _clean_counters():
    throttle.get_throttle().clear_all()
    yield
    throttle.get_throttle().clear_all()


@pytest.fixture
def base(functional):
    return functional["portal"].absolute_url()


def _token(html):
    return re.search(r'name="_authenticator" value="([^"]+)"', html).group(1)


def _enrol(user_id, codes=True):
    """Enrolled (code of the previous step: the current one is fresh), with codes."""
    transaction.begin()
    secret = pyotp.random_base32()
    assert totp.enrol(user_id, secret, pyotp.TOTP(secret).at(time.time() - 30))
    recovery = recovery_codes.new_recovery_codes(user_id) if codes else []
    transaction.commit()
    return secret, recovery


def _state(user_id):
    """(enrolled, recovery codes left), read from a fresh transaction."""
    transaction.begin()
    return totp_store.is_enrolled(user_id), recovery_codes.recovery_codes_left(user_id)


def _verify(session, base, code):
    page = session.get(f"{base}/@@totp-verifier", timeout=30)
    return session.post(
        f"{base}/@@totp-verifier",
        data={"_authenticator": _token(page.text), "code": code},
        allow_redirects=False,
        timeout=30,
    )


def _rest_login(base, login, password, **extra):
    return requests.post(
        f"{base}/@login",
        json={"login": login, "password": password, **extra},
        headers=JSON,
        timeout=30,
    )


def _detail(event):
    return json.loads(event["detail"] or "{}")


# --- the codes --------------------------------------------------------------------


def test_codes_shown_once_at_enrolment(base, testdata):
    start = last_id()
    session = _login(base, "clerk.pn", testdata.PASSWORD)
    page = session.get(f"{base}/@@totp", timeout=30)
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', page.text).group(1)
    signature = re.search(r'name="signature" value="([0-9a-f]+)"', page.text).group(1)
    done = session.post(
        f"{base}/@@totp",
        data={
            "_authenticator": _token(page.text),
            "secret": secret,
            "signature": signature,
            "code": pyotp.TOTP(secret).now(),
        },
        allow_redirects=False,
        timeout=30,
    )
    assert done.status_code == 200, done.text
    codes = CODE.findall(done.text)
    assert len(codes) == len(set(codes)) == 10
    assert "ne seront plus affichés" in done.text
    assert "no-store" in done.headers.get("Cache-Control", "")
    assert _state("clerk.pn") == (True, 10)
    # never again: not on @@totp, which shows the count only
    again = session.get(f"{base}/@@totp", timeout=30)
    assert again.status_code == 200
    assert not any(code in again.text for code in codes)
    assert "Codes de secours restants" in again.text
    assert re.search(r"<strong>10</strong>\s*/\s*10", again.text)
    (event,) = events_since(start, action="totp_codes")
    assert event["user_id"] == "clerk.pn"
    assert _detail(event) == {"count": 10, "why": "enrolment"}
    assert not any(code in json.dumps(event) for code in codes)


def test_codes_stored_hashed(integration):
    secret = pyotp.random_base32()
    assert totp.enrol("clerk.pn", secret, pyotp.TOTP(secret).now())
    codes = recovery_codes.new_recovery_codes("clerk.pn")
    assert len(codes) == 10
    assert all(
        re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", c) for c in codes
    )
    record = totp_store.record("clerk.pn")
    stored = repr(dict(record)) + repr(dict(totp_store.store()))
    for code in codes:
        assert code not in stored
        assert code.replace("-", "") not in stored
        assert code.replace("-", "").lower() not in stored
    assert len(record["recovery"]) == 10
    assert all(re.fullmatch(r"[0-9a-f]{64}", value) for value in record["recovery"])
    assert len(bytes.fromhex(record["recovery_salt"])) == 16
    assert record["recovery_iterations"] >= 100_000
    # typed in lower case, without the dash, O for 0 and I or L for 1: accepted
    typed = codes[0].replace("-", "").lower().replace("0", "o").replace("1", "l")
    assert totp.check_second_factor("clerk.pn", typed) == totp.RECOVERY
    assert recovery_codes.recovery_codes_left("clerk.pn") == 9
    assert totp.check_second_factor("clerk.pn", codes[0]) is None
    assert totp.check_second_factor("clerk.pn", "ABCD-EFGH") is None
    assert totp.check_second_factor("clerk.pn", None) is None
    assert recovery_codes.recovery_codes_left("clerk.pn") == 9


def test_recovery_code_accepted_once(base, testdata):
    _secret, codes = _enrol("clerk.pn")
    start = last_id()
    session = _login(base, "clerk.pn", testdata.PASSWORD)
    assert session.get(base, allow_redirects=False, timeout=30).status_code == 302
    done = _verify(session, base, codes[3])
    assert done.status_code == 302
    assert done.headers["Location"].startswith(base)
    home = session.get(base, timeout=30)
    assert home.status_code == 200
    assert "Codes restants : 9" in home.text  # the status message
    assert _state("clerk.pn") == (True, 9)
    (event,) = events_since(start, action="totp_recovery")
    assert event["user_id"] == "clerk.pn"
    assert _detail(event) == {"channel": "web", "remaining": 9}
    # used up: a new login refuses it, like a wrong TOTP code (counted)
    again = _login(base, "clerk.pn", testdata.PASSWORD)
    refused = _verify(again, base, codes[3])
    assert refused.status_code == 400
    assert "incorrect" in refused.text
    assert again.get(base, allow_redirects=False, timeout=30).status_code == 302
    assert [e["detail"] for e in events_since(start, action="login_failed")] == ["otp"]
    assert _state("clerk.pn") == (True, 9)


def test_wrong_recovery_codes_are_throttled(base, testdata):
    _secret, codes = _enrol("reviewer.pn")
    session = _login(base, "reviewer.pn", testdata.PASSWORD)
    for _ in range(5):
        response = _verify(session, base, "ZZZZ-ZZZZ")
        assert response.status_code == 400
    assert throttle.get_throttle().status("reviewer.pn", "127.0.0.1").locked
    # locked: even a right recovery code is refused, and not used up
    locked = _verify(session, base, codes[0])
    assert locked.status_code == 400
    assert "Trop d'échecs" in locked.text
    assert _state("reviewer.pn") == (True, 10)
    rest = _rest_login(base, "reviewer.pn", testdata.PASSWORD, otp=codes[0])
    assert rest.status_code == 401
    assert _state("reviewer.pn") == (True, 10)


def test_recovery_code_over_rest_login(base, testdata):
    _secret, codes = _enrol("reviewer.pn")
    start = last_id()
    response = _rest_login(base, "reviewer.pn", testdata.PASSWORD, otp=codes[1])
    assert response.status_code == 200, response.text
    token = response.json()["token"]
    file_url = f"{base}/{testdata.path_of('pn_pending')}"
    headers = {**JSON, "Authorization": f"Bearer {token}"}
    assert requests.get(file_url, headers=headers, timeout=30).status_code == 200
    assert _state("reviewer.pn") == (True, 9)
    (event,) = events_since(start, action="totp_recovery")
    assert event["user_id"] == "reviewer.pn"
    assert _detail(event) == {"channel": "api", "remaining": 9}
    replay = _rest_login(base, "reviewer.pn", testdata.PASSWORD, otp=codes[1])
    assert replay.status_code == 401
    assert "incorrect" in replay.json()["message"]
    assert _state("reviewer.pn") == (True, 9)


def test_regenerate_needs_a_totp_code_and_voids_old_codes(base, testdata):
    secret, codes = _enrol("clerk.pn")
    start = last_id()
    session = _login(base, "clerk.pn", testdata.PASSWORD)
    assert _verify(session, base, codes[0]).status_code == 302
    page = session.get(f"{base}/@@totp", timeout=30)
    assert "Générer de nouveaux codes de secours" in page.text
    data = {"_authenticator": _token(page.text), "regenerate": "1"}
    # a wrong code, a recovery code: refused, counted, the codes unchanged
    for code in ("000000", codes[1]):
        refused = session.post(
            f"{base}/@@totp", data={**data, "code": code}, timeout=30
        )
        assert refused.status_code == 400
        assert "incorrect" in refused.text
    assert _state("clerk.pn") == (True, 9)
    assert len(events_since(start, action="login_failed")) == 2
    # without the CSRF token: refused
    forged = session.post(
        f"{base}/@@totp",
        data={"regenerate": "1", "code": pyotp.TOTP(secret).now()},
        timeout=30,
    )
    assert forged.status_code == 403
    done = session.post(
        f"{base}/@@totp",
        data={**data, "code": pyotp.TOTP(secret).now()},
        timeout=30,
    )
    assert done.status_code == 200
    new_codes = CODE.findall(done.text)
    assert len(new_codes) == 10
    assert not set(new_codes) & set(codes)
    assert f'href="{base}/@@totp"' in done.text
    assert _state("clerk.pn") == (True, 10)
    (event,) = events_since(start, action="totp_codes")
    assert _detail(event) == {"count": 10, "why": "regeneration"}
    transaction.begin()
    assert recovery_codes.use_recovery_code("clerk.pn", codes[2]) is False
    assert recovery_codes.use_recovery_code("clerk.pn", new_codes[0]) is True
    transaction.abort()


def test_recovery_code_not_a_totp_code_elsewhere(base, testdata):
    """Disabling asks for the application's code, never a recovery code."""
    _secret, codes = _enrol("clerk.pn")
    session = _login(base, "clerk.pn", testdata.PASSWORD)
    assert _verify(session, base, codes[0]).status_code == 302
    page = session.get(f"{base}/@@totp", timeout=30)
    refused = session.post(
        f"{base}/@@totp",
        data={"_authenticator": _token(page.text), "disable": "1", "code": codes[1]},
        timeout=30,
    )
    assert refused.status_code == 400
    assert _state("clerk.pn") == (True, 9)


# --- the administrator's reset ----------------------------------------------------


def _reset_page(base, userid, auth=ADMIN, session=None):
    getter = session.get if session is not None else requests.get
    kwargs = {"auth": auth} if session is None else {}
    return getter(
        f"{base}/@@totp-reinitialiser",
        params={"userid": userid},
        allow_redirects=False,
        timeout=30,
        **kwargs,
    )


def _reset(base, data, auth=ADMIN, session=None):
    poster = session.post if session is not None else requests.post
    kwargs = {"auth": auth} if session is None else {}
    return poster(
        f"{base}/@@totp-reinitialiser",
        data=data,
        allow_redirects=False,
        timeout=30,
        **kwargs,
    )


def test_admin_reset_works_and_is_logged(base, testdata):
    _enrol("reviewer.pn")
    start = last_id()
    page = _reset_page(base, "reviewer.pn")
    assert page.status_code == 200
    assert "Codes de secours restants" in page.text
    assert "Motif (obligatoire)" in page.text
    # the list of enrolled accounts
    listing = requests.get(f"{base}/@@totp-reinitialiser", auth=ADMIN, timeout=30)
    assert "userid=reviewer.pn" in listing.text
    # without the CSRF token: refused, nothing changed
    forged = _reset(base, {"userid": "reviewer.pn", "reason": "Téléphone perdu"})
    assert forged.status_code == 403
    assert _state("reviewer.pn") == (True, 10)
    done = _reset(
        base,
        {
            "_authenticator": _token(page.text),
            "userid": "reviewer.pn",
            "reason": "Téléphone perdu, identité vérifiée",
        },
    )
    assert done.status_code == 302
    assert _state("reviewer.pn") == (False, 0)
    (event,) = events_since(start, action="totp_reset")
    assert event["user_id"] == SITE_OWNER_NAME
    assert event["reason"] == "Téléphone perdu, identité vérifiée"
    assert _detail(event) == {"target": "reviewer.pn", "channel": "web"}
    after = requests.get(
        done.headers["Location"], auth=ADMIN, cookies=done.cookies, timeout=30
    )
    assert "réinitialisée" in after.text
    assert "n'utilise pas la double authentification" in after.text
    # the user logs in with the password alone (TOTP not required here)
    session = _login(base, "reviewer.pn", testdata.PASSWORD)
    assert session.get(base, allow_redirects=False, timeout=30).status_code == 200


def test_site_administrator_may_reset(base, testdata):
    """siteadmin: a member of the test data's "Site Administrators" group."""
    _enrol("clerk.pn")
    auth = ("siteadmin", testdata.PASSWORD)
    page = _reset_page(base, "clerk.pn", auth=auth)
    assert page.status_code == 200, page.headers.get("Location")
    done = _reset(
        base,
        {
            "_authenticator": _token(page.text),
            "userid": "clerk.pn",
            "reason": "Téléphone volé",
        },
        auth=auth,
    )
    assert done.status_code == 302
    assert _state("clerk.pn") == (False, 0)


def test_reset_ends_the_verified_sessions(base, testdata):
    """A reviewer who must use TOTP enrols again, even in an open session."""
    transaction.begin()
    api.portal.set_registry_record(totp.SETTING, True)
    transaction.commit()
    _secret, codes = _enrol("reviewer.pn")
    session = _login(base, "reviewer.pn", testdata.PASSWORD)
    assert _verify(session, base, codes[0]).status_code == 302
    assert session.get(base, allow_redirects=False, timeout=30).status_code == 200
    transaction.begin()
    assert totp.reset("reviewer.pn", "test", actor=SITE_OWNER_NAME)
    transaction.commit()
    response = session.get(base, allow_redirects=False, timeout=30)
    assert response.status_code == 302
    assert "/@@totp?came_from=" in response.headers["Location"]


def test_missing_reason_gives_a_french_message(base):
    _enrol("clerk.pn")
    page = _reset_page(base, "clerk.pn")
    for reason in (None, "", "   "):
        data = {"_authenticator": _token(page.text), "userid": "clerk.pn"}
        if reason is not None:
            data["reason"] = reason
        response = _reset(base, data)
        assert response.status_code == 400
        assert "Le motif de la réinitialisation est obligatoire." in response.text
    assert _state("clerk.pn") == (True, 10)


def test_reset_refuses_unknown_and_not_enrolled(base):
    _enrol("reviewer.pn")
    start = last_id()
    page = _reset_page(base, "nobody.here")
    assert page.status_code == 400
    assert "Compte inconnu" in page.text
    page = _reset_page(base, "clerk.ocs")
    assert page.status_code == 200
    assert "n'utilise pas la double authentification" in page.text
    token = _token(_reset_page(base, "reviewer.pn").text)  # a page with the form
    response = _reset(
        base,
        {"_authenticator": token, "userid": "clerk.ocs", "reason": "x"},
    )
    assert response.status_code == 400
    assert "rien à réinitialiser" in response.text
    assert not events_since(start, action="totp_reset")


def test_get_changes_nothing(base):
    _enrol("clerk.pn")
    start = last_id()
    response = requests.get(
        f"{base}/@@totp-reinitialiser",
        params={"userid": "clerk.pn", "reason": "Téléphone perdu"},
        auth=ADMIN,
        timeout=30,
    )
    assert response.status_code == 200
    assert _state("clerk.pn") == (True, 10)
    assert not events_since(start, action="totp_reset")


@pytest.mark.parametrize("login", NOT_ADMINS + ["officer"])
def test_others_may_not_reset(base, testdata, login):
    if login == "officer":
        login = testdata.FILES["pn_validated"]
    _enrol("clerk.ocs")
    start = last_id()
    session = _login(base, login, testdata.PASSWORD)
    # a valid CSRF token of their own (from their @@totp page)
    token = _token(session.get(f"{base}/@@totp", timeout=30).text)
    assert refused_page(_reset_page(base, "clerk.ocs", session=session))
    assert refused_page(_reset_page(base, "", session=session))
    data = {"_authenticator": token, "userid": "clerk.ocs", "reason": "Téléphone"}
    assert refused_page(_reset(base, data, session=session))
    # basic authentication too
    auth = (login, testdata.PASSWORD)
    assert refused_page(_reset(base, data, auth=auth))
    assert _state("clerk.ocs") == (True, 10)
    assert not events_since(start, action="totp_reset")
    # no link on the user's page either (they may not open it at all)
    user_page = session.get(
        f"{base}/@@user-information",
        params={"userid": "clerk.ocs"},
        allow_redirects=False,
        timeout=30,
    )
    assert "totp-reinitialiser" not in user_page.text


def test_anonymous_may_not_reset(base):
    _enrol("clerk.pn")
    start = last_id()
    assert refused_page(
        requests.get(f"{base}/@@totp-reinitialiser", timeout=30, allow_redirects=False)
    )
    assert refused_page(_reset_page(base, "clerk.pn", auth=None))
    response = _reset(base, {"userid": "clerk.pn", "reason": "x"}, auth=None)
    assert refused_page(response)
    assert _state("clerk.pn") == (True, 10)
    assert not events_since(start, action="totp_reset")


def test_link_on_the_users_page(base):
    _enrol("clerk.pn")
    enrolled = requests.get(
        f"{base}/@@user-information",
        params={"userid": "clerk.pn"},
        auth=ADMIN,
        timeout=30,
    )
    assert enrolled.status_code == 200
    assert f"{base}/@@totp-reinitialiser?userid=clerk.pn" in enrolled.text
    other = requests.get(
        f"{base}/@@user-information",
        params={"userid": "clerk.ocs"},
        auth=ADMIN,
        timeout=30,
    )
    assert other.status_code == 200
    assert "totp-reinitialiser" not in other.text


def test_console_script(functional, capsys):
    _enrol("hrmanager.pn")
    start = last_id()
    main = runpy.run_path(str(SCRIPT))["main"]  # no "app": nothing runs on import
    site = ["--site", functional["portal"].getId()]
    assert main(functional["app"], ["nobody.here", "--reason", "x", *site]) == 1
    assert main(functional["app"], ["clerk.ocs", *site]) == 1
    reason = "Téléphone perdu, pas d'admin"
    assert main(functional["app"], ["hrmanager.pn", "--reason", reason, *site]) == 0
    assert "removed" in capsys.readouterr().out
    assert _state("hrmanager.pn") == (False, 0)
    (event,) = events_since(start, action="totp_reset")
    assert event["user_id"].startswith("console:")
    assert event["reason"] == reason
    assert _detail(event) == {"target": "hrmanager.pn", "channel": "console"}
    # the Zope root's admin (not a site user) too
    _enrol(SITE_OWNER_NAME)
    assert main(functional["app"], [SITE_OWNER_NAME, *site]) == 0
    assert _state(SITE_OWNER_NAME) == (False, 0)
