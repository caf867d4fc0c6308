"""Changes are journaled in the same two-phase commit as the ZODB.

A change of SIRHP content queues its journal lines on the current
transaction (``queue``); one ``JournalDataManager`` per transaction writes
them all in ONE store transaction (bulk paths included), SQLite or
PostgreSQL alike:

- ``tpc_vote``: the write transaction (``BEGIN IMMEDIATE``; on PostgreSQL
  ``BEGIN`` + an advisory lock, which serialises the hosts) and the inserts,
  kept open. If the journal cannot be written (disk full, read-only file,
  locked beyond the busy timeout, PostgreSQL unreachable) the vote fails with ``JournalUnavailable``: the ZODB votes
  are undone and nothing is stored.
- ``tpc_finish``: ``COMMIT``; ``tpc_abort``/``abort``: ``ROLLBACK``.

Order (``sortKey``, sorted before every ZODB storage, whose keys start
with a path, a name or an address): the journal votes first and COMMITs
first. Why the journal first: a process killed between the two finishes
then leaves at worst a journal line for a change the ZODB never stored
(visible as a line without its change, harmless), never a stored change
without its line. And a COMMIT that fails (SQLite writes the WAL at
COMMIT, so a full disk is often seen only there) still comes before the
ZODB's finish: the transaction package then aborts the voted ZODB
transaction, so nothing is stored either.
"""

import os
from sirhp.policy import logger
from sirhp.policy.audit import db
from sirhp.policy.audit.journal import get_journal
from sirhp.policy.audit.unavailable import JournalUnavailable
from sirhp.policy.audit.unavailable import SECOND_PHASE
import transaction
from transaction.interfaces import IDataManager
from zope.globalrequest import getRequest
from zope.interface import implementer

# Before any ZODB storage sort key (they are printable text).
SORT_KEY = "\x00sirhp.audit.journal"
_DATA_KEY = "sirhp.audit.data_manager"
# Tests only: kill the process between the journal COMMIT and the ZODB's
# finish, to check the crash window leaves no change without its line.
CRASH_ENV = "SIRHP_AUDIT_CRASH_AFTER_JOURNAL_COMMIT"


@implementer(IDataManager)
class JournalDataManager:
    """The journal lines of one transaction (see the module docstring)."""

    def __init__(self, txn, journal=None):
        self.transaction_manager = transaction.manager
        self.journal = journal or get_journal()
        self.events = []
        self.seen = set()
        self._connection = None
        txn.join(self)

    def sortKey(self):
        return SORT_KEY

    def abort(self, txn):
        self._rollback()
        self.events = []

    def tpc_begin(self, txn):
        pass

    def commit(self, txn):
        pass

    def tpc_vote(self, txn):
        if not self.events:
            return
        try:
            self._connection = self.journal.connection
            self.journal.insert_open(self._connection, self.events)
        except db.ERRORS as error:
            self._rollback()
            logger.error("Audit journal not writable, change refused: %s", error)
            raise JournalUnavailable(str(error)) from error

    def tpc_finish(self, txn):
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            connection.execute("COMMIT")
        except db.ERRORS as error:
            _quiet_rollback(connection)
            logger.error("Audit journal COMMIT failed, change refused: %s", error)
            raise JournalUnavailable(str(error)) from error
        _note_second_phase()
        if os.environ.get(CRASH_ENV):
            os._exit(17)

    def tpc_abort(self, txn):
        self._rollback()

    def savepoint(self):
        """Rolling back to a savepoint forgets the lines queued since."""
        return _Savepoint(self)

    def _rollback(self):
        connection, self._connection = self._connection, None
        if connection is not None:
            _quiet_rollback(connection)


class _Savepoint:
    def __init__(self, manager):
        self.manager = manager
        self.events = list(manager.events)
        self.seen = set(manager.seen)

    def rollback(self):
        self.manager.events = list(self.events)
        self.manager.seen = set(self.seen)


def _note_second_phase():
    """From here on the request's change is journaled and the ZODB finishes
    its commit: a database failure now leaves its outcome in doubt, and the
    503 says so (``hardening.disconnected.message_for``)."""
    request = getRequest()
    # ``environ`` is ZPublisher's cleaned copy of the WSGI environ
    # (``_orig_env``): the exception views read the first, the WSGI filter
    # (``hardening.wsgi_unavailable``, when the failure escapes Zope, e.g.
    # from the abort after the exception view) and a request published
    # again (``HTTPRequest.retry``) the second. Both are marked.
    for name in ("environ", "_orig_env"):
        environ = getattr(request, name, None)
        if isinstance(environ, dict):
            environ[SECOND_PHASE] = True


def _quiet_rollback(connection):
    try:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    except db.ERRORS:
        logger.exception("Audit journal ROLLBACK failed")


def data_manager(txn=None) -> JournalDataManager:
    """The journal data manager of ``txn`` (the current one by default)."""
    txn = txn or transaction.get()
    try:
        return txn.data(_DATA_KEY)
    except KeyError:
        manager = JournalDataManager(txn)
        txn.set_data(_DATA_KEY, manager)
        return manager


def queue(event: dict, key) -> bool:
    """Queue ``event`` (built by ``api.build_event``) on the current
    transaction, once per ``key``; False when already queued."""
    manager = data_manager()
    if key in manager.seen:
        return False
    manager.seen.add(key)
    manager.events.append(event)
    return True


def queued(key) -> bool:
    """Whether ``key`` was queued in the current transaction."""
    return key in data_manager().seen
