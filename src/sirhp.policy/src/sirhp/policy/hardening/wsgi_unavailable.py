"""A database server that cannot be reached, caught where Zope cannot.

With the ZEO server gone, a request fails before the publisher's exception
views exist: ZPublisher opens the ZODB connection and begins the
transaction (a sync with the server) outside them, and waitress answers a
bare English 500. This WSGI filter, outermost in the pipeline
(``instance/zope.ini.in``), answers ``ClientDisconnected`` (and RelStorage's
PostgreSQL errors, ``disconnected.DISCONNECTED``) as the exception
view inside Zope does (``disconnected.py``): 503 with ``Retry-After``, the
French message (English for users who chose English: the ``I18N_LANGUAGE``
cookie), JSON ``{"type", "message", "error"}`` for REST clients; when the
server stopped during the commit itself, the message says the change may
have been stored (``disconnected.message_for``). The
client keeps reconnecting in the background; the next request after the
server's return succeeds.

Each request also starts without a component site (``setSite(None)``).
Zope sets the site while it traverses and clears it at the end of the
request, through a subscriber looked up in that site's own (persistent)
registry: when that lookup fails (the request's connection closed under
it), the site is never cleared, and every later request served by the same
thread fails before traversal on the previous request's closed connection
("Shouldn't load state … when the connection is closed"), or reads another
request's objects. Whatever the previous request did, the next one starts
clean.
"""

from http.cookies import SimpleCookie
import json
import logging
from sirhp.policy.audit.unavailable import PAGE
from sirhp.policy.audit.unavailable import SECOND_PHASE
from sirhp.policy.hardening.disconnected import DatabaseUnavailable
from sirhp.policy.hardening.disconnected import DISCONNECTED
from sirhp.policy.hardening.disconnected import message_for
import sys
from zope.component.hooks import setSite
from zope.i18n import translate

logger = logging.getLogger("sirhp.policy")
RETRY_AFTER = "60"


def _language(environ):
    cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
    morsel = cookie.get("I18N_LANGUAGE")
    return "en" if morsel is not None and morsel.value == "en" else "fr"


def answer(environ):
    """(status, headers, body) of the 503 for this request."""
    text = translate(message_for(environ), target_language=_language(environ))
    kind = DatabaseUnavailable.type
    if "json" in environ.get("HTTP_ACCEPT", ""):
        body = json.dumps(
            {"type": kind, "message": text, "error": {"type": kind, "message": text}},
            ensure_ascii=False,
        )
        content_type = "application/json"
    else:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        body = PAGE.format(title=escaped.split(":")[0], message=escaped)
        content_type = "text/html; charset=utf-8"
    data = body.encode("utf-8")
    headers = [
        ("Content-Type", content_type),
        ("Content-Length", str(len(data))),
        ("Retry-After", RETRY_AFTER),
        ("Cache-Control", "no-store"),
    ]
    return "503 Service Unavailable", headers, data


def filter_factory(global_conf, **local_conf):
    """PasteDeploy filter (``use = call:sirhp.policy.hardening.wsgi_unavailable:filter_factory``)."""

    def wrap(app):
        def middleware(environ, start_response):
            setSite(None)  # never the previous request's (module docstring)
            try:
                return app(environ, start_response)
            except DISCONNECTED:
                logger.warning(
                    "Database server unreachable: 503 answered%s",
                    " (change in doubt)" if environ.get(SECOND_PHASE) else "",
                    exc_info=logger.isEnabledFor(logging.DEBUG),
                )
                status, headers, data = answer(environ)
                start_response(status, headers, sys.exc_info())
                return [data]

        return middleware

    return wrap
