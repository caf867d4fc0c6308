"""Password reset links: built from the public address (never the request's
Host), asked for without telling whether an account exists, valid 24 hours."""

import datetime
import email
import email.policy
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import requests
from sirhp.policy.login import accounts
from tests.security.audit_helpers import clear_login_failures
import transaction

PUBLIC = "https://sirhp.example.ml/sirhp"
FORGED = "attacker.example"
HTML = {"Accept": "text/html"}


def _public_url(value):
    transaction.begin()
    api.portal.set_registry_record("sirhp.badge.public_url", value)
    transaction.commit()


def _ask(base, userid, host=None):
    headers = dict(HTML)
    if host:
        headers["Host"] = host
    return requests.post(
        f"{base}/mail_password",
        data={"userid": userid},
        headers=headers,
        allow_redirects=False,
        timeout=30,
    )


def _mails(mail_dir):
    """Each mail as its headers and decoded text."""
    mails = []
    for path in sorted(mail_dir.glob("*.eml")):
        message = email.message_from_bytes(
            path.read_bytes(), policy=email.policy.default
        )
        headers = "".join(f"{name}: {value}\n" for name, value in message.items())
        mails.append(headers + message.get_body().get_content())
    return mails


def _main(html):
    """The page's content, without what changes per request."""
    return html.split('id="content"', 1)[-1].split("</main>", 1)[0]


def test_link_built_from_public_address_not_host(functional, testdata, mail_dir):
    _public_url(PUBLIC)
    base = functional["portal"].absolute_url()
    response = _ask(base, "clerk.pn", host=FORGED)
    assert response.status_code == 200
    mails = _mails(mail_dir)
    assert len(mails) == 1
    assert f"{PUBLIC}/passwordreset/" in mails[0]
    assert FORGED not in mails[0]
    assert "24 heures" in mails[0]


def test_same_answer_for_existing_unknown_and_disabled(functional, testdata, mail_dir):
    _public_url(PUBLIC)
    portal = functional["portal"]
    officer = testdata.FILES["pn_validated"]
    transaction.begin()
    accounts.disable_account(
        portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    )
    transaction.commit()
    base = portal.absolute_url()
    answers = {
        userid: _ask(base, userid)
        for userid in ("clerk.pn", "nobody.nowhere", officer, "")
    }
    statuses = {userid: r.status_code for userid, r in answers.items()}
    assert set(statuses.values()) == {200}, statuses
    pages = {_main(r.text) for r in answers.values()}
    assert len(pages) == 1
    assert "Si un compte actif correspond à cet identifiant" in pages.pop()
    for response in answers.values():
        assert not response.headers.get("Location")
        assert "statusmessages" not in response.headers.get("Set-Cookie", "")
    mails = _mails(mail_dir)
    assert len(mails) == 1 and "To: clerk.pn@" in mails[0]  # the existing one


def test_no_link_without_public_address(functional, testdata, mail_dir):
    _public_url("")
    base = functional["portal"].absolute_url()
    response = _ask(base, "clerk.pn", host=FORGED)
    assert response.status_code == 200
    assert "Si un compte actif correspond à cet identifiant" in response.text
    assert _mails(mail_dir) == []


def test_rest_reset_answers_alike(functional, testdata, mail_dir):
    """``@users/<id>/reset-password`` for staff: no way to tell who exists."""
    _public_url(PUBLIC)
    clear_login_failures()
    base = functional["portal"].absolute_url()
    statuses = []
    for userid in ("clerk.ocs", "nobody.nowhere"):
        response = requests.post(
            f"{base}/@users/{userid}/reset-password",
            json={},
            auth=("clerk.pn", testdata.PASSWORD),
            headers={"Accept": "application/json", "Host": FORGED},
            timeout=30,
        )
        statuses.append((response.status_code, response.text))
    assert statuses[0] == statuses[1]
    assert statuses[0][0] == 204
    mails = _mails(mail_dir)
    assert len(mails) == 1 and f"{PUBLIC}/passwordreset/" in mails[0]
    assert FORGED not in mails[0]


def test_rest_reset_by_an_administrator_needs_the_public_address(
    functional, testdata, mail_dir
):
    """An administrator's ``@users/<id>/reset-password``: no public address,
    no link (400, the reason), nothing mailed."""
    _public_url("")
    base = functional["portal"].absolute_url()
    response = requests.post(
        f"{base}/@users/clerk.pn/reset-password",
        json={},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400
    message = (
        "Adresse publique du portail non configurée (sirhp.badge.public_url) : "
        "aucun lien de réinitialisation n'est envoyé."
    )
    assert response.json() == {
        "type": "BadRequest",
        "message": message,
        "error": {"type": "BadRequest", "message": message},
    }
    assert _mails(mail_dir) == []


def test_officer_link_from_public_address(functional, testdata, mail_dir):
    """The records office's link (``@@reinitialiser-acces``) too."""
    _public_url(PUBLIC)
    portal = functional["portal"]
    file_url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}"
    session = requests.Session()
    session.auth = ("clerk.pn", testdata.PASSWORD)
    session.headers["Host"] = FORGED
    page = session.get(file_url, timeout=30).text
    token = page.split('name="_authenticator" value="')[1].split('"')[0]
    response = session.post(
        f"{file_url}/@@reinitialiser-acces",
        data={"_authenticator": token},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302
    mails = _mails(mail_dir)
    assert len(mails) == 1
    officer = testdata.FILES["pn_validated"]
    assert f"{PUBLIC}/passwordreset/" in mails[0] and f"?userid={officer}" in mails[0]
    assert FORGED not in mails[0]
    assert "24 heures" in mails[0]


def test_officer_link_refused_without_public_address(functional, testdata, mail_dir):
    _public_url("")
    portal = functional["portal"]
    file_url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}"
    session = requests.Session()
    session.auth = ("clerk.pn", testdata.PASSWORD)
    page = session.get(file_url, timeout=30).text
    token = page.split('name="_authenticator" value="')[1].split('"')[0]
    response = session.post(
        f"{file_url}/@@reinitialiser-acces", data={"_authenticator": token}, timeout=30
    )
    assert "Adresse publique du portail non configurée" in response.text
    assert _mails(mail_dir) == []


def test_links_valid_24_hours(portal):
    tool = api.portal.get_tool("portal_password_reset")
    assert tool.getExpirationTimeout() == 1
    with api.env.adopt_roles(["Manager"]):
        reset = tool.requestReset("clerk.pn")
    left = reset["expires"] - datetime.datetime.utcnow()
    assert datetime.timedelta(hours=23) < left <= datetime.timedelta(hours=24)
    transaction.abort()


def test_links_end_with_a_password_change(functional, testdata):
    """A link sent before the password changed stops working (the one used
    for the change is consumed as usual)."""
    tool = api.portal.get_tool("portal_password_reset")
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        first = tool.requestReset("clerk.pn")["randomstring"]
        second = tool.requestReset("clerk.pn")["randomstring"]
        other = tool.requestReset("clerk.ocs")["randomstring"]
    transaction.commit()
    response = requests.post(
        f"{functional['portal'].absolute_url()}/passwordreset/{first}",
        data={
            "userid": "clerk.pn",
            "password": "Nouveau-mot-de-passe-7",
            "password2": "Nouveau-mot-de-passe-7",
            "form.submitted": "1",
        },
        timeout=30,
    )
    assert response.status_code == 200
    transaction.begin()
    assert first not in tool._requests and second not in tool._requests
    assert other in tool._requests


def test_plone_reset_mail_uses_public_address(portal):
    """Plone's own reset mail (users control panel, an administrator's
    ``@users/<id>/reset-password``) links to the public address too."""
    from Products.CMFPlone.tests.utils import MockMailHost
    from Products.MailHost.interfaces import IMailHost

    site_manager = portal.getSiteManager()
    original = portal.MailHost
    portal.MailHost = mailhost = MockMailHost("MailHost")
    site_manager.registerUtility(mailhost, provided=IMailHost)
    try:
        api.portal.set_registry_record("plone.email_from_address", "sirhp@example.ml")
        api.portal.set_registry_record("sirhp.badge.public_url", PUBLIC)
        portal.REQUEST.environ["HTTP_HOST"] = FORGED
        with api.env.adopt_roles(["Manager"]):
            portal.portal_registration.mailPassword("clerk.pn", portal.REQUEST)
        assert len(mailhost.messages) == 1
        message = email.message_from_bytes(mailhost.messages[0])
        text = message.get_payload(decode=True).decode()
        assert f"{PUBLIC}/passwordreset/" in text and FORGED not in text
        assert "24" in text  # hours
    finally:
        portal.MailHost = original
        site_manager.registerUtility(original, provided=IMailHost)
        transaction.abort()
