"""The ZEO server cannot be reached: a French 503, not an English 500.

A ZEO client whose server is gone (killed, restarted, network cut) waits
``wait-timeout`` seconds (``instance/storage-zeoclient.conf.in``) for it to
come back, then fails the request with ``ClientDisconnected``; it keeps
reconnecting by itself in the background. The user is told to try again
(``Retry-After``), in French, as a page or as ``{"type", "message"}`` on
REST, like an unwritable journal (same view).
"""

from sirhp.content.base.errors import SirhpUnavailable
from sirhp.policy import _
from sirhp.policy.audit.unavailable import JournalUnavailableView
from ZEO.Exceptions import ClientDisconnected
from ZPublisher.HTTPResponse import status_codes

MSG_DATABASE_UNAVAILABLE = _(
    "error_database_unavailable",
    default="La base de données ne répond pas : la demande n'a pas été "
    "traitée. Réessayez dans une minute ou prévenez l'administrateur.",
)

# ZPublisher sets an exception's status from its class name, after the view
status_codes[ClientDisconnected.__name__.lower()] = SirhpUnavailable.status


class DatabaseUnavailable(SirhpUnavailable):
    """The database server cannot be reached (HTTP 503)."""


class ClientDisconnectedView(JournalUnavailableView):
    """Exception view (``index.html``) of ``ZEO.Exceptions.ClientDisconnected``."""

    def __init__(self, context, request):
        super().__init__(DatabaseUnavailable(MSG_DATABASE_UNAVAILABLE), request)
