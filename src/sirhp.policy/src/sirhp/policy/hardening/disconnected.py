"""The database server cannot be reached: a French 503, not an English 500.

A ZEO client whose server is gone (killed, restarted, network cut) waits
``wait-timeout`` seconds (``instance/storage-zeoclient.conf.in``) for it to
come back, then fails the request with ``ClientDisconnected``; it keeps
reconnecting by itself in the background. A RelStorage client (and the
PostgreSQL audit store) fails at once with psycopg2's ``OperationalError``
or ``InterfaceError`` (RelStorage's "disconnected" exceptions) and opens
a new connection at the next request. The user is told to try again
(``Retry-After``), in French, as a page or as ``{"type", "message"}`` on
REST, like an unwritable journal (same view).
"""

import psycopg2
import psycopg2.errors
from relstorage.adapters.interfaces import ReplicaClosedException
from relstorage.storage.interfaces import StorageDisconnectedDuringCommit
from sirhp.content.base.errors import SirhpUnavailable
from sirhp.policy import _
from sirhp.policy.audit.unavailable import JournalUnavailableView
from sirhp.policy.audit.unavailable import SECOND_PHASE
from ZEO.Exceptions import ClientDisconnected
from ZPublisher.HTTPResponse import status_codes

MSG_DATABASE_UNAVAILABLE = _(
    "error_database_unavailable",
    default="La base de données ne répond pas : la demande n'a pas été "
    "traitée. Réessayez dans une minute ou prévenez l'administrateur.",
)
# The journal COMMITted, then the database stopped answering during the
# ZODB's own COMMIT: whether the change was stored cannot be known here
MSG_DATABASE_IN_DOUBT = _(
    "error_database_in_doubt",
    default="La base de données a cessé de répondre pendant l'enregistrement : "
    "la demande a peut-être été enregistrée. Vérifiez-le avant de la refaire.",
)


def message_for(environ) -> str:
    """The 503's message for this request (``environ``: the WSGI one)."""
    if environ.get(SECOND_PHASE):
        return MSG_DATABASE_IN_DOUBT
    return MSG_DATABASE_UNAVAILABLE


# What a client whose database server is away raises. RelStorage's
# StorageDisconnectedDuringCommit is a TransientError the publisher would
# run again: after the journal's COMMIT the first run may be stored, and
# the run again (on a new request, without the mark of the second phase)
# answered "n'a pas été traitée" for a stored change
DISCONNECTED = (
    ClientDisconnected,
    psycopg2.OperationalError,
    psycopg2.InterfaceError,
    ReplicaClosedException,
    StorageDisconnectedDuringCommit,
)
# ZPublisher sets an exception's status from its class name, after the view
for _error in (*DISCONNECTED, *vars(psycopg2.errors).values()):
    # psycopg2.errors holds the subclasses the server's codes raise
    # (AdminShutdown when PostgreSQL stops under a connection)
    if isinstance(_error, type) and issubclass(_error, DISCONNECTED):
        status_codes[_error.__name__.lower()] = SirhpUnavailable.status


class DatabaseUnavailable(SirhpUnavailable):
    """The database server cannot be reached (HTTP 503)."""


class ClientDisconnectedView(JournalUnavailableView):
    """Exception view (``index.html``) of the ``DISCONNECTED`` exceptions."""

    def __init__(self, context, request):
        message = message_for(request.environ)
        super().__init__(DatabaseUnavailable(message), request)
