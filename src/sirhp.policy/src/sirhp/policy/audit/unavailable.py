"""The journal cannot be written: the request is refused with a French 503.

Raised when a change's journal lines cannot be written in its commit
(``transactional``) and when a consultation cannot be journaled before its
content is sent (``subscribers``). The exception view answers the browser
with a page and REST clients with ``{"type", "message"}``.
"""

import json
from plone.rest.interfaces import IAPIRequest
from sirhp.content.base.errors import SirhpUnavailable
from sirhp.policy import _
from ZPublisher.HTTPResponse import status_codes

MSG_JOURNAL_UNAVAILABLE = _(
    "error_journal_unavailable",
    default="Le journal d'audit ne peut pas être écrit : la modification n'a "
    "pas été enregistrée. Réessayez plus tard ou prévenez l'administrateur.",
)
MSG_JOURNAL_UNAVAILABLE_READ = _(
    "error_journal_unavailable_read",
    default="Le journal d'audit ne peut pas être écrit : la consultation est "
    "refusée. Réessayez plus tard ou prévenez l'administrateur.",
)
MSG_JOURNAL_UNAVAILABLE_LOGIN = _(
    "error_journal_unavailable_login",
    default="Le journal d'audit ne peut pas être écrit : la connexion est "
    "refusée. Réessayez plus tard ou prévenez l'administrateur.",
)
# Set in the WSGI environ once the journal has COMMITted the request's lines
# (``transactional``): a database failure after it leaves the change in
# doubt (``hardening.disconnected.message_for``)
SECOND_PHASE = "sirhp.journal_committed"


class JournalUnavailable(SirhpUnavailable):
    """The audit journal refused a write (HTTP 503); ``detail`` is the cause
    for the logs, the message is for the user."""

    def __init__(self, detail="", message=MSG_JOURNAL_UNAVAILABLE):
        super().__init__(message)
        self.detail = detail


# ZPublisher sets an exception's status from its class name, after the view
status_codes[JournalUnavailable.__name__.lower()] = JournalUnavailable.status

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>SIRHP</title></head>
<body><h1>{title}</h1><p>{message}</p></body></html>"""


class JournalUnavailableView:
    """Exception view (``index.html``) of ``JournalUnavailable``."""

    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.__parent__ = None

    def __call__(self):
        request = self.request
        error = self.context
        text = error.text(request)
        request.response.setStatus(error.status)
        request.response.setHeader("Retry-After", "60")
        if IAPIRequest.providedBy(request) or "json" in (
            request.getHeader("Accept", "") or ""
        ):
            # error_reply's shape; not error_reply itself: it dooms the
            # transaction, which a failed commit no longer allows
            request.response.setHeader("Content-Type", "application/json")
            return json.dumps(
                {
                    "type": error.type,
                    "message": text,
                    "error": {"type": error.type, "message": text},
                }
            )
        request.response.setHeader("Content-Type", "text/html; charset=utf-8")
        return PAGE.format(title=_html(text.split(":")[0]), message=_html(text))


def _html(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
