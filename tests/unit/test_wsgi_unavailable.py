"""The WSGI filter that answers an unreachable database server (raised
before Zope's error pages exist) with a French 503, not waitress' English
500; other answers pass through untouched."""

import json
import psycopg2
import psycopg2.errors
from sirhp.policy.hardening.wsgi_unavailable import filter_factory
from ZEO.Exceptions import ClientDisconnected
from ZPublisher.HTTPResponse import status_codes


def _call(app, **environ):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(filter_factory({})(app)(environ, start_response))
    return seen["status"], seen["headers"], body.decode("utf-8")


def _down(environ, start_response):
    raise ClientDisconnected("127.0.0.1:8100")


def test_french_page_then_json_then_english():
    status, headers, body = _call(_down)
    assert status.startswith("503")
    assert headers["Retry-After"] == "60"
    assert headers["Cache-Control"] == "no-store"
    assert "La base de données ne répond pas" in body
    assert "ClientDisconnected" not in body and "8100" not in body
    status, headers, body = _call(_down, HTTP_ACCEPT="application/json")
    answer = json.loads(body)
    assert headers["Content-Type"] == "application/json"
    assert answer["message"].startswith("La base de données ne répond pas")
    assert answer["error"]["type"] == answer["type"]


def test_postgresql_away_is_the_same_503():
    """RelStorage (and the PostgreSQL journal) raise psycopg2's errors;
    ZPublisher gives their exception view's status 503 by class name."""
    for error in (
        psycopg2.OperationalError("server closed the connection"),
        psycopg2.errors.AdminShutdown("terminating connection"),
        psycopg2.InterfaceError("connection already closed"),
    ):

        def down(environ, start_response, error=error):
            raise error

        status, _, body = _call(down, HTTP_ACCEPT="application/json")
        assert status.startswith("503")
        assert "La base de données ne répond pas" in json.loads(body)["message"]
        assert status_codes[type(error).__name__.lower()] == 503


def test_a_change_in_doubt_is_not_called_untreated():
    """The journal COMMITted the request's lines before the database
    stopped: the change may be stored, and the 503 says so."""
    from sirhp.policy.audit.unavailable import SECOND_PHASE

    status, _, body = _call(
        _down, HTTP_ACCEPT="application/json", **{SECOND_PHASE: True}
    )
    message = json.loads(body)["message"]
    assert status.startswith("503")
    assert "la demande a peut-être été enregistrée" in message
    assert "n'a pas été traitée" not in message


def test_other_answers_pass_through():
    def ok(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    assert _call(ok) == ("200 OK", {"Content-Type": "text/plain"}, "ok")


def test_english_for_english_users(tmp_path):
    """With the site's English catalogue (as a running Zope registers it),
    a user who chose English reads English."""
    from pathlib import Path
    from pythongettext.msgfmt import Msgfmt
    import sirhp.policy
    from zope.component import getGlobalSiteManager
    from zope.i18n.gettextmessagecatalog import GettextMessageCatalog
    from zope.i18n.interfaces import ITranslationDomain
    from zope.i18n.translationdomain import TranslationDomain

    po = Path(sirhp.policy.__file__).parent / "locales/en/LC_MESSAGES/sirhp.po"
    mo = tmp_path / "sirhp.mo"
    mo.write_bytes(Msgfmt(str(po), name="sirhp").get())
    domain = TranslationDomain("sirhp")
    domain.addCatalog(GettextMessageCatalog("en", "sirhp", str(mo)))
    registry = getGlobalSiteManager()
    previous = registry.queryUtility(ITranslationDomain, "sirhp")
    registry.registerUtility(domain, ITranslationDomain, "sirhp")
    try:
        _status, _headers, body = _call(
            _down, HTTP_COOKIE="I18N_LANGUAGE=en", HTTP_ACCEPT="application/json"
        )
    finally:
        registry.unregisterUtility(domain, ITranslationDomain, "sirhp")
        if previous is not None:  # the site's, for the tests that follow
            registry.registerUtility(previous, ITranslationDomain, "sirhp")
    assert json.loads(body)["message"].startswith("The database does not answer")


def test_each_request_starts_without_the_previous_site():
    """A request whose end could not clear its site (its connection closed
    under it) must not hand that site to the next request of the thread."""
    from zope.component.hooks import getSite
    from zope.component.hooks import setSite
    from zope.component.interfaces import ISite
    from zope.interface import implementer
    from zope.interface.registry import Components

    @implementer(ISite)
    class Stale:
        def getSiteManager(self):
            return Components("stale")

    seen = []

    def app(environ, start_response):
        seen.append(getSite())
        start_response("200 OK", [])
        return [b""]

    setSite(Stale())
    try:
        _call(app)
    finally:
        setSite(None)
    assert seen == [None]
