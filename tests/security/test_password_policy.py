"""Password policy: 12 characters, letters and digits, not the login."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests
from sirhp.policy.login.plugins import password_problems
from tests.security.audit_helpers import clear_login_failures
from tests.security.audit_helpers import JSON
import transaction

MESSAGE = "Mot de passe trop faible"


@pytest.mark.parametrize(
    "password,logins,problems",
    [
        ("court1", (), ["length"]),
        ("seulementdeslettres", (), ["letters_digits"]),
        ("123456789012345", (), ["letters_digits"]),
        ("clerk.pn-2026-abc", ("clerk.pn",), ["login"]),
        ("Xx100001Jx2026", ("100001J",), ["login"]),
        ("bonne-phrase-2026", ("clerk.pn",), []),
        ("éléphant-rose-42", (), []),
    ],
)
def test_rules(password, logins, problems):
    assert password_problems(password, logins) == problems


@pytest.fixture
def base(functional):
    yield functional["portal"].absolute_url()
    clear_login_failures()


def admin():
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    session.headers.update(JSON)
    return session


@pytest.mark.parametrize(
    "username,password,ok",
    [
        ("agent.test", "court1", False),
        ("agent.test", "motdepasselong", False),
        ("agent.test", "agent.test-2026x", False),
        ("agent.test", "phrase-solide-2026", True),
    ],
)
def test_users_endpoint(base, username, password, ok):
    response = admin().post(
        f"{base}/@users",
        json={"username": username, "email": "a@example.ml", "password": password},
    )
    if ok:
        assert response.status_code == 201, response.text
    else:
        assert response.status_code == 400
        assert MESSAGE in response.text
        assert api.user.get(username=username) is None


def test_own_password_change(base, testdata):
    session = requests.Session()
    session.auth = ("clerk.pn", testdata.PASSWORD)
    url = f"{base}/@users/clerk.pn/reset-password"
    weak = session.post(
        url,
        json={"old_password": testdata.PASSWORD, "new_password": "clerk.pn1"},
        headers=JSON,
    )
    assert weak.status_code >= 400
    assert MESSAGE in weak.text
    strong = session.post(
        url,
        json={"old_password": testdata.PASSWORD, "new_password": "phrase-solide-2026"},
        headers=JSON,
    )
    assert strong.status_code in (200, 204), strong.text


def test_password_reset_form(functional, base):
    """The reset link of the e-mail (the REST reset is closed to anonymous)."""
    tool = api.portal.get_tool("portal_password_reset")
    with api.env.adopt_roles(["Manager"]):
        token = tool.requestReset("clerk2.pn")["randomstring"]
        transaction.commit()
    session = requests.Session()
    form = session.get(f"{base}/passwordreset/{token}", timeout=30)
    assert form.status_code == 200
    response = session.post(
        f"{base}/passwordreset/{token}",
        data={
            "userid": "clerk2.pn",
            "password": "clerk2.pn-12345",
            "password2": "clerk2.pn-12345",
            "form.submitted": "1",
        },
        timeout=30,
    )
    assert MESSAGE in response.text
    response = session.post(
        f"{base}/passwordreset/{token}",
        data={
            "userid": "clerk2.pn",
            "password": "phrase-solide-2026",
            "password2": "phrase-solide-2026",
            "form.submitted": "1",
        },
        timeout=30,
    )
    assert MESSAGE not in response.text
    login = requests.post(
        f"{base}/@login",
        json={"login": "clerk2.pn", "password": "phrase-solide-2026"},
        headers=JSON,
        timeout=30,
    )
    assert login.status_code == 200


def test_policy_described_to_forms(functional):
    registration = api.portal.get_tool("portal_registration")
    assert MESSAGE in registration.testPasswordValidity("")
