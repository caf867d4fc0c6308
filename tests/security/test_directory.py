"""No user directory, no mail to users through the portal: ``author/<id>``,
the contact and send-to forms answer the same 404 for existing and unknown
ids to everyone but administrators, no page links to them, and their mails
cannot carry injected headers."""

import email
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from Products.CMFPlone.tests.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
import pytest
import re
import requests

HTML = {"Accept": "text/html"}
PERSONAS = [None, "clerk.pn", "hrmanager.ocs", "auditor", "officer"]
EXISTING = "clerk.ocs"  # another agency's clerk: full name "… (archives OCS)"
UNKNOWN = "nobody.nowhere"


def _auth(testdata, login):
    if login is None:
        return None
    if login == "officer":
        login = testdata.FILES["pn_validated"]
    return (login, testdata.PASSWORD)


def _get(base, path, auth):
    return requests.get(
        f"{base}/{path}", auth=auth, headers=HTML, allow_redirects=False, timeout=30
    )


def _normalised(response, *ids):
    text = re.sub(r"[0-9a-f]{40}", "TOKEN", response.text)  # CSRF tokens
    for value in ids:
        text = text.replace(value, "ID")
    return text


@pytest.mark.parametrize("login", PERSONAS)
@pytest.mark.parametrize("view", ["author", "@@author"])
def test_author_page_is_a_missing_page(functional, testdata, login, view):
    base = functional["portal"].absolute_url()
    auth = _auth(testdata, login)
    existing = _get(base, f"{view}/{EXISTING}", auth)
    unknown = _get(base, f"{view}/{UNKNOWN}", auth)
    assert existing.status_code == unknown.status_code == 404
    assert _normalised(existing, EXISTING) == _normalised(unknown, UNKNOWN)
    assert "archives OCS" not in existing.text
    assert _get(base, view, auth).status_code == 404


@pytest.mark.parametrize("login", PERSONAS)
@pytest.mark.parametrize(
    "path",
    [
        "contact-info",
        "contact-info-email",
        "author-feedback-template",
        "{file}/sendto_form",
        "{file}/contact-info",
    ],
)
def test_mail_forms_closed(functional, testdata, login, path):
    base = functional["portal"].absolute_url()
    below_agency = path.startswith("{file}")
    path = path.format(file=testdata.path_of("pn_validated"))
    answer = _get(base, path, _auth(testdata, login))
    if login is None and below_agency:
        # Anonymous visitors get the login redirect for any path under an
        # agency, existing or not (hidden records): the form is not served
        assert answer.status_code == 302
        assert "require_login" in answer.headers["Location"]
        assert "sendto" not in answer.text and "contact" not in answer.text
    else:
        assert answer.status_code == 404


def test_administrators_keep_them(functional, testdata):
    base = functional["portal"].absolute_url()
    auth = ("siteadmin", testdata.PASSWORD)
    page = _get(base, f"author/{EXISTING}", auth)
    assert page.status_code == 200
    assert "archives OCS" in page.text
    assert _get(base, "contact-info", auth).status_code == 200


@pytest.mark.parametrize("login", [None, "clerk.pn", "officer"])
def test_no_page_links_to_them(functional, testdata, login):
    base = functional["portal"].absolute_url()
    auth = _auth(testdata, login)
    paths = [
        "",
        "mail_password_form",
        "accessibility-info",
        "nothing-here",  # the 404 page
        "@@search?b_start=x",  # a 400 page
    ]
    if login is not None:
        paths += [testdata.path_of("pn_validated"), "@@mon-dossier"]
    for path in paths:
        text = _get(base, path, auth).text
        for target in ("/author/", '/author"', "contact-info", "sendto_form"):
            assert target not in text, (path, target)


# --- the forms of administrators: no header injection ---------------------------------


@pytest.fixture
def mailhost(portal):
    site_manager = portal.getSiteManager()
    original = portal.MailHost
    portal.MailHost = mock = MockMailHost("MailHost")
    site_manager.registerUtility(mock, provided=IMailHost)
    api.portal.set_registry_record("plone.email_from_address", "sirhp@example.ml")
    api.portal.set_registry_record("plone.email_from_name", "SIRHP")
    yield mock
    portal.MailHost = original
    site_manager.registerUtility(original, provided=IMailHost)


def _post(request, form):
    request.form.update(form)
    request.method = "POST"
    request.environ["REQUEST_METHOD"] = "POST"


def _headers(mailhost):
    assert len(mailhost.messages) == 1
    message = email.message_from_bytes(mailhost.messages[0])
    return message, {name.lower() for name in message.keys()}


def test_contact_form_no_header_injection(portal, mailhost):
    request = portal.REQUEST
    _post(
        request,
        {
            "form.widgets.sender_fullname": "Awa\r\nBcc: victime1@example.org",
            "form.widgets.sender_from_address": "awa@example.ml",
            "form.widgets.subject": "Objet\rBcc: victime2@example.org",
            "form.widgets.message": "Bcc: victime3@example.org\nX-Test: 1\n\nBonjour",
            "form.buttons.send": "Envoyer",
        },
    )
    with api.env.adopt_user(SITE_OWNER_NAME):
        portal.restrictedTraverse("@@contact-info")()
    message, names = _headers(mailhost)
    assert "bcc" not in names and "x-test" not in names
    assert "\r" not in message["Subject"] and "\n" not in message["Subject"]
    assert "victime3" in message.get_payload(decode=True).decode()  # the body


def test_author_feedback_no_header_injection(portal, mailhost):
    request = portal.REQUEST
    _post(
        request,
        {
            "form.widgets.subject": "Objet\rBcc: victime2@example.org",
            "form.widgets.message": "Bcc: victime3@example.org\n\nBonjour",
            "form.widgets.author": "clerk.ocs",
            "form.widgets.referer": "http://example.org/",
            "form.buttons.send": "Envoyer",
        },
    )
    with api.env.adopt_user("siteadmin"):
        view = portal.restrictedTraverse("@@author")
        view.publishTraverse(request, "clerk.ocs")
        view()
    message, names = _headers(mailhost)
    assert "bcc" not in names
    assert "\r" not in message["Subject"] and "\n" not in message["Subject"]
