"""Login throttling and lockout (per account, per address), audited."""

from plone import api
import pytest
import requests
from sirhp.policy.login.throttle import get_throttle
from sirhp.policy.login.throttle import Throttle
from tests.security.audit_helpers import clear_login_failures
from tests.security.audit_helpers import events_since
from tests.security.audit_helpers import JSON
from tests.security.audit_helpers import last_id
import time
import transaction

WRONG = "mauvais-mot-de-passe-9"


@pytest.fixture
def base(functional):
    clear_login_failures()
    yield functional["portal"].absolute_url()
    clear_login_failures()


def basic(base, login, password, headers=None):
    return requests.get(
        f"{base}/police-nationale",
        auth=(login, password),
        headers=headers or {},
        allow_redirects=False,
        timeout=30,
    )


def form_login(base, login, password):
    return requests.post(
        f"{base}/login",
        data={
            "__ac_name": login,
            "__ac_password": password,
            "form.buttons.login": "Se connecter",
        },
        allow_redirects=False,
        timeout=30,
    )


def rest_login(base, login, password):
    return requests.post(
        f"{base}/@login",
        json={"login": login, "password": password},
        headers=JSON,
        timeout=30,
    )


def test_account_locked_after_five_failures(base, testdata):
    start = last_id()
    assert basic(base, "clerk.pn", testdata.PASSWORD).status_code == 200
    for _ in range(5):
        assert basic(base, "clerk.pn", WRONG).status_code != 200
    # the right password no longer opens the account, on every channel
    assert basic(base, "clerk.pn", testdata.PASSWORD).status_code != 200
    response = rest_login(base, "clerk.pn", testdata.PASSWORD)
    assert response.status_code == 401
    assert "Compte temporairement verrouillé" in response.json()["message"]
    page = form_login(base, "clerk.pn", testdata.PASSWORD)
    assert "__ac" not in page.cookies
    failed = events_since(start, action="login_failed")
    assert [e["user_id"] for e in failed] == ["clerk.pn"] * 5
    assert failed[0]["client"] == "127.0.0.1"
    assert len(events_since(start, action="login_locked")) >= 3
    # other accounts are not concerned (5 < the address threshold)
    assert basic(base, "reviewer.pn", testdata.PASSWORD).status_code == 200


def test_login_form_says_locked(base, testdata):
    for _ in range(5):
        form_login(base, "reviewer.pn", WRONG)
    session = requests.Session()
    response = session.post(
        f"{base}/login",
        data={
            "__ac_name": "reviewer.pn",
            "__ac_password": testdata.PASSWORD,
            "form.buttons.login": "Se connecter",
        },
        timeout=30,
    )
    assert "Compte temporairement verrouillé" in response.text
    assert "__ac" not in session.cookies


def test_rest_login_failures_count(base, testdata):
    for _ in range(5):
        assert rest_login(base, "hrmanager.pn", WRONG).status_code == 401
    response = rest_login(base, "hrmanager.pn", testdata.PASSWORD)
    assert response.status_code == 401
    assert "réessayez dans 15 minutes" in response.json()["message"]


def test_lock_expires(base, testdata):
    throttle = get_throttle()
    old = time.time() - 31 * 60  # failures 31 minutes ago: locked 15 min, over
    for _ in range(5):
        throttle.record_failure("auditor", "127.0.0.1", now=old)
    assert throttle.status("auditor", "127.0.0.1", now=old + 60).locked
    assert not throttle.status("auditor", "127.0.0.1").locked
    assert basic(base, "auditor", testdata.PASSWORD).status_code == 200


def test_lock_rule(tmp_path):
    throttle = Throttle(str(tmp_path / "t.sqlite"))
    now = 1_000_000.0
    # 5 failures spread over more than 15 minutes do not lock
    for minute in (0, 4, 8, 12, 16):
        throttle.record_failure("x", "", now=now + minute * 60)
    assert not throttle.status("x", "", now=now + 17 * 60).locked
    throttle.record_failure("x", "", now=now + 18 * 60)  # 5 within 15 min
    status = throttle.status("x", "", now=now + 19 * 60)
    assert status.locked and status.kind == "account"
    assert status.until == now + 33 * 60
    assert not throttle.status("x", "", now=now + 34 * 60).locked
    assert not throttle.status("y", "", now=now + 19 * 60).locked


def test_address_locked(base, testdata):
    api.portal.set_registry_record("sirhp.security.login_max_failures_per_address", 3)
    transaction.commit()
    for login in ("clerk.pn", "clerk2.pn", "reviewer.ocs"):
        basic(base, login, WRONG)
    # a fourth account, right password: the address is locked
    response = rest_login(base, "hrmanager.ocs", testdata.PASSWORD)
    assert response.status_code == 401
    assert "verrouillé" in response.json()["message"]
    start = last_id()
    assert basic(base, "clerk.ocs", testdata.PASSWORD).status_code != 200
    (locked,) = events_since(start, action="login_locked")
    assert '"scope": "address"' in locked["detail"]


def test_success_clears_account_failures(base, testdata):
    for _ in range(4):
        form_login(base, "clerk.ocs", WRONG)
    form_login(base, "clerk.ocs", testdata.PASSWORD)
    for _ in range(4):
        form_login(base, "clerk.ocs", WRONG)
    assert rest_login(base, "clerk.ocs", testdata.PASSWORD).status_code == 200


def test_right_password_without_rights_is_not_a_failure(base, testdata):
    url = f"{base}/{testdata.path_of('pn_validated')}"
    start = last_id()
    for _ in range(6):
        response = requests.get(
            url,
            auth=("clerk.ocs", testdata.PASSWORD),
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code != 200
    assert events_since(start, action="login_failed") == []
    assert rest_login(base, "clerk.ocs", testdata.PASSWORD).status_code == 200


def test_forwarded_for_ignored_from_untrusted_peer(base):
    start = last_id()
    basic(base, "inconnu", WRONG, headers={"X-Forwarded-For": "10.9.9.9"})
    (event,) = events_since(start, action="login_failed")
    assert event["client"] == "127.0.0.1"


def test_forwarded_for_read_from_trusted_proxy(base):
    api.portal.set_registry_record("sirhp.security.trusted_proxies", ["127.0.0.1"])
    transaction.commit()
    start = last_id()
    basic(base, "inconnu", WRONG, headers={"X-Forwarded-For": "10.9.9.9"})
    (event,) = events_since(start, action="login_failed")
    assert event["client"] == "10.9.9.9"
    # the address counter is the forwarded client's, not the proxy's
    assert not get_throttle().status("nobody", "127.0.0.1").locked


def test_guard_is_the_first_authentication_plugin(functional):
    from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin

    plugins = functional["portal"].acl_users.plugins
    assert plugins.listPluginIds(IAuthenticationPlugin)[0] == "sirhp_login_guard"
