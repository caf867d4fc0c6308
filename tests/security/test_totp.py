"""TOTP second factor (issue 5, section 1): enrolment, browser, REST."""

from plone import api
import pyotp
import pytest
import re
import requests
from sirhp.policy.login import throttle
from sirhp.policy.login import totp
from sirhp.policy.login import totp_store
import time
import transaction

JSON = {"Accept": "application/json"}


def _base(functional):
    return functional["portal"].absolute_url()


def _token(html):
    return re.search(r'name="_authenticator" value="([^"]+)"', html).group(1)


def _require(on=True):
    transaction.begin()
    api.portal.set_registry_record(totp.SETTING, on)
    transaction.commit()


def _enrol(user_id):
    """Enrolled with a code of the previous time step: the current one is fresh."""
    transaction.begin()
    secret = pyotp.random_base32()
    previous = pyotp.TOTP(secret).at(time.time() - 30)
    assert totp.enrol(user_id, secret, previous)
    transaction.commit()
    return secret


def _now(secret):
    return pyotp.TOTP(secret).now()


def _enrolled(user_id):
    transaction.begin()
    return totp_store.is_enrolled(user_id)


@pytest.fixture(autouse=True)
def _clean_counters():
    throttle.get_throttle().clear_all()
    yield
    throttle.get_throttle().clear_all()


def _login(base, login, password):
    session = requests.Session()
    session.get(base + "/login", timeout=30)
    response = session.post(
        base + "/login",
        data={"__ac_name": login, "__ac_password": password, "buttons.login": "1"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code < 400
    assert "__ac" in session.cookies
    return session


# --- enrolment ----------------------------------------------------------------


def test_enrolment_page_and_confirmation(functional, testdata):
    base = _base(functional)
    session = _login(base, "clerk.pn", testdata.PASSWORD)
    page = session.get(f"{base}/@@totp", timeout=30)
    assert page.status_code == 200
    assert "<svg" in page.text
    uri = re.search(r"otpauth://totp/[^\"<]+", page.text.replace("&amp;", "&"))
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', page.text).group(1)
    signature = re.search(r'name="signature" value="([0-9a-f]+)"', page.text).group(1)
    assert uri is None or secret in uri.group(0)
    assert secret in page.text  # shown for manual entry
    assert not _enrolled("clerk.pn")  # nothing stored by a GET
    data = {
        "_authenticator": _token(page.text),
        "secret": secret,
        "signature": signature,
    }
    wrong = session.post(f"{base}/@@totp", data={**data, "code": "000000"}, timeout=30)
    assert wrong.status_code == 400
    assert "incorrect" in wrong.text
    assert not _enrolled("clerk.pn")
    forged = session.post(
        f"{base}/@@totp",
        data={**data, "secret": pyotp.random_base32(), "code": "123456"},
        timeout=30,
    )
    assert forged.status_code == 400
    assert not _enrolled("clerk.pn")
    right = session.post(
        f"{base}/@@totp",
        data={**data, "code": _now(secret)},
        allow_redirects=False,
        timeout=30,
    )
    # the answer shows the recovery codes (tests/security/test_totp_recovery.py)
    assert right.status_code == 200, right.text
    assert "Codes de secours" in right.text
    assert _enrolled("clerk.pn")
    # the session that enrolled goes on; the page no longer shows a secret
    page = session.get(f"{base}/@@totp", timeout=30)
    assert page.status_code == 200
    assert secret not in page.text
    assert "activée" in page.text
    home = session.get(base, timeout=30)
    assert home.status_code == 200
    assert "totp" not in home.url


def test_enrolment_needs_login(functional):
    response = requests.get(
        f"{_base(functional)}/@@totp", allow_redirects=False, timeout=30
    )
    assert response.status_code in (302, 401, 403)
    assert not _enrolled("Anonymous User")


def test_secret_not_exposed(functional, testdata):
    secret = _enrol("clerk.pn")
    base = _base(functional)
    for url in (f"{base}/@@totp", f"{base}/@users/clerk.pn", base):
        text = requests.get(
            url, auth=("hrmanager.pn", testdata.PASSWORD), timeout=30
        ).text
        assert secret not in text
    for path in ("__annotations__", "__annotations__/sirhp.login.totp"):
        response = requests.get(
            f"{base}/{path}", auth=("hrmanager.pn", testdata.PASSWORD), timeout=30
        )
        assert response.status_code >= 400
        assert secret not in response.text


# --- browser login ------------------------------------------------------------------


def test_not_required_for_clerk_when_not_enrolled(functional, testdata):
    _require(True)
    base = _base(functional)
    session = _login(base, "clerk.pn", testdata.PASSWORD)
    home = session.get(base, timeout=30)
    assert home.status_code == 200
    assert "totp" not in home.url


def test_reviewer_must_enrol_when_required(functional, testdata):
    _require(True)
    base = _base(functional)
    session = _login(base, "reviewer.pn", testdata.PASSWORD)
    file_url = f"{base}/{testdata.path_of('pn_pending')}"
    response = session.get(file_url, allow_redirects=False, timeout=30)
    assert response.status_code == 302
    assert "/@@totp?came_from=" in response.headers["Location"]
    page = session.get(response.headers["Location"], timeout=30)
    assert "exige la double authentification" in page.text
    # no way around it: REST with the cookie, a POST, the queue
    assert session.get(file_url, headers=JSON, timeout=30).status_code == 401
    queue = session.get(f"{base}/@@a-valider", allow_redirects=False, timeout=30)
    assert queue.status_code == 302
    # enrol, then back to the file
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', page.text).group(1)
    done = session.post(
        f"{base}/@@totp",
        data={
            "_authenticator": _token(page.text),
            "secret": secret,
            "signature": re.search(
                r'name="signature" value="([0-9a-f]+)"', page.text
            ).group(1),
            "came_from": file_url,
            "code": _now(secret),
        },
        allow_redirects=False,
        timeout=30,
    )
    # the recovery codes, then a link back to the file
    assert done.status_code == 200
    assert f'href="{file_url}"' in done.text
    assert session.get(file_url, allow_redirects=False, timeout=30).status_code == 200


def test_not_required_when_setting_off(functional, testdata):
    base = _base(functional)
    session = _login(base, "reviewer.pn", testdata.PASSWORD)
    home = session.get(base, allow_redirects=False, timeout=30)
    assert home.status_code == 200


@pytest.mark.parametrize("login", ["reviewer.pn", "hrmanager.ocs", "clerk.pn"])
def test_code_asked_after_password(functional, testdata, login):
    _require(login != "clerk.pn")  # the clerk: because enrolled
    secret = _enrol(login)
    base = _base(functional)
    session = _login(base, login, testdata.PASSWORD)
    response = session.get(base, allow_redirects=False, timeout=30)
    assert response.status_code == 302
    assert "/@@totp-verifier?came_from=" in response.headers["Location"]
    page = session.get(f"{base}/@@totp-verifier", timeout=30)
    token = _token(page.text)
    wrong = session.post(
        f"{base}/@@totp-verifier",
        data={"_authenticator": token, "code": "000000"},
        timeout=30,
    )
    assert wrong.status_code == 400
    assert "incorrect" in wrong.text
    assert session.get(base, allow_redirects=False, timeout=30).status_code == 302
    evil = session.post(
        f"{base}/@@totp-verifier",
        data={
            "_authenticator": token,
            "code": _now(secret),
            "came_from": "https://evil.example.org/",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert evil.status_code == 302
    assert evil.headers["Location"].startswith(base)
    assert session.get(base, allow_redirects=False, timeout=30).status_code == 200
    # the code cannot be used twice
    replay = session.post(
        f"{base}/@@totp-verifier",
        data={"_authenticator": token, "code": _now(secret)},
        timeout=30,
    )
    assert replay.status_code == 400
    # a new login asks again
    again = _login(base, login, testdata.PASSWORD)
    assert again.get(base, allow_redirects=False, timeout=30).status_code == 302


def test_wrong_codes_lock_the_account(functional, testdata):
    _require(True)
    _enrol("reviewer.pn")
    base = _base(functional)
    session = _login(base, "reviewer.pn", testdata.PASSWORD)
    token = _token(session.get(f"{base}/@@totp-verifier", timeout=30).text)
    for _ in range(5):
        session.post(
            f"{base}/@@totp-verifier",
            data={"_authenticator": token, "code": "000000"},
            timeout=30,
        )
    assert throttle.get_throttle().status("reviewer.pn", "127.0.0.1").locked


# --- REST ---------------------------------------------------------------------------


def _rest_login(base, login, password, **extra):
    return requests.post(
        f"{base}/@login",
        json={"login": login, "password": password, **extra},
        headers=JSON,
        timeout=30,
    )


@pytest.mark.parametrize("login", ["reviewer.pn", "clerk.pn"])
def test_rest_login_requires_otp(functional, testdata, login):
    _require(login == "reviewer.pn")
    secret = _enrol(login)
    base = _base(functional)
    missing = _rest_login(base, login, testdata.PASSWORD)
    assert missing.status_code == 401
    assert "otp" in missing.json()["message"]
    wrong = _rest_login(base, login, testdata.PASSWORD, otp="000000")
    assert wrong.status_code == 401
    assert "incorrect" in wrong.json()["message"]
    typed = _rest_login(base, login, testdata.PASSWORD, otp=123456)
    assert typed.status_code == 401
    bad_password = _rest_login(base, login, "wrong-password-1", otp=_now(secret))
    assert bad_password.status_code == 401
    assert "otp" not in bad_password.text  # nothing told before the password
    throttle.get_throttle().clear_all()  # the failures above count for the lockout
    right = _rest_login(base, login, testdata.PASSWORD, otp=_now(secret))
    assert right.status_code == 200, right.text
    token = right.json()["token"]
    file_url = f"{base}/{testdata.path_of('pn_validated')}"
    response = requests.get(
        file_url,
        headers={**JSON, "Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert response.status_code == 200
    # basic authentication would skip the second factor: refused
    basic = requests.get(
        file_url, auth=(login, testdata.PASSWORD), headers=JSON, timeout=30
    )
    assert basic.status_code == 401
    assert "double authentification" in basic.json()["message"]


def test_rest_login_unchanged_for_others(functional, testdata):
    _require(True)
    base = _base(functional)
    response = _rest_login(base, "clerk.pn", testdata.PASSWORD)
    assert response.status_code == 200
    basic = requests.get(
        f"{base}/{testdata.path_of('pn_draft')}",
        auth=("clerk.pn", testdata.PASSWORD),
        headers=JSON,
        timeout=30,
    )
    assert basic.status_code == 200


def test_rest_login_required_but_not_enrolled(functional, testdata):
    _require(True)
    response = _rest_login(
        _base(functional), "hrmanager.pn", testdata.PASSWORD, otp="123456"
    )
    assert response.status_code == 401
    assert "@@totp" in response.json()["message"]


# --- disabling -----------------------------------------------------------------------


def _forget_last_step(user_id):
    transaction.begin()
    totp_store.record(user_id)["last_step"] = 0
    transaction.commit()


def _verified_session(base, login, password, secret):
    session = _login(base, login, password)
    page = session.get(f"{base}/@@totp-verifier", timeout=30)
    done = session.post(
        f"{base}/@@totp-verifier",
        data={"_authenticator": _token(page.text), "code": _now(secret)},
        allow_redirects=False,
        timeout=30,
    )
    assert done.status_code == 302
    _forget_last_step(login)  # the test may use the current code again
    return session


def test_clerk_may_disable(functional, testdata):
    base = _base(functional)
    secret = _enrol("clerk.pn")
    session = _verified_session(base, "clerk.pn", testdata.PASSWORD, secret)
    page = session.get(f"{base}/@@totp", timeout=30)
    assert "Désactiver" in page.text
    data = {"_authenticator": _token(page.text), "disable": "1"}
    refused = session.post(
        f"{base}/@@totp", data={**data, "code": "000000"}, timeout=30
    )
    assert refused.status_code == 400
    assert _enrolled("clerk.pn")
    done = session.post(
        f"{base}/@@totp",
        data={**data, "code": _now(secret)},
        allow_redirects=False,
        timeout=30,
    )
    assert done.status_code == 302
    assert not _enrolled("clerk.pn")


def test_reviewer_may_not_disable_when_required(functional, testdata):
    _require(True)
    base = _base(functional)
    secret = _enrol("reviewer.pn")
    session = _verified_session(base, "reviewer.pn", testdata.PASSWORD, secret)
    page = session.get(f"{base}/@@totp", timeout=30)
    assert "obligatoire pour votre fonction" in page.text
    assert "Désactiver" not in page.text
    token = _token(session.get(f"{base}/@@totp-verifier", timeout=30).text)
    refused = session.post(
        f"{base}/@@totp",
        data={
            "_authenticator": token,
            "disable": "1",
            "code": _now(secret),
        },
        timeout=30,
    )
    assert refused.status_code == 400
    assert _enrolled("reviewer.pn")


def test_second_factor_before_forced_password_change(functional, testdata):
    """An enrolled officer who must change the password: code first, no loop."""
    from sirhp.policy.login import accounts

    officer = testdata.FILES["pn_validated"]
    secret = _enrol(officer)
    transaction.begin()
    accounts._set(accounts.MUST_CHANGE, create=True).add(officer)
    transaction.commit()
    base = _base(functional)
    session = _login(base, officer, testdata.PASSWORD)
    page = session.get(base, timeout=30)  # follows the redirects
    assert "/@@totp-verifier" in page.url
    done = session.post(
        f"{base}/@@totp-verifier",
        data={"_authenticator": _token(page.text), "code": _now(secret)},
        timeout=30,
    )
    assert done.status_code == 200
    assert done.url.endswith("/@@change-password")
