"""The PostgreSQL backend of the audit store: one journal and one login
throttle for every Zope client of every host (RelStorage sites).

A connection here looks like an ``sqlite3`` one to the journal and the
throttle (``execute`` with ``?`` placeholders, rows by name and index,
``in_transaction``, explicit ``BEGIN``/``COMMIT``), so the chain and the
counters are computed by the same code on both backends. What differs is
here: appends are serialised across hosts by a transaction advisory lock
per table held until COMMIT (readers are not blocked), the schema's triggers
refuse UPDATE, DELETE and TRUNCATE of the journal, and the application role
loses those privileges on it.

Outage: a connection is opened with a short ``connect_timeout`` and TCP
keepalives, waits for a lock at most ``LOCK_TIMEOUT_MS``; a broken
connection is opened again at once when no transaction was open on it, at
the next use otherwise (a transaction lost with its connection is an
error, never replayed on a new connection), so the
clients answer the French 503 while PostgreSQL is away and serve again
when it is back, without restart.
"""

import psycopg2
from psycopg2.extensions import TRANSACTION_STATUS_IDLE
from psycopg2.extras import DictCursor
import threading

CONNECT_TIMEOUT_S = 3
LOCK_TIMEOUT_MS = 10000
# Two clients creating the schema at once would collide in the catalog
SCHEMA_LOCK_KEY = 0x51C4A0D1
# Appends to a table: pg_advisory_xact_lock(LOCK_NAMESPACE, hashtext(table))
LOCK_NAMESPACE = 0x51C4
Error = psycopg2.Error

_local = threading.local()
_schema_lock = threading.Lock()
_initialised = set()


def schema_statements(table_ddl):
    """The journal's append-only guards, after its table (see ``journal``)."""
    return (
        *table_ddl,
        """CREATE OR REPLACE FUNCTION sirhp_audit_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit journal is append-only'; END $$""",
        """CREATE OR REPLACE TRIGGER audit_events_no_change
        BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION sirhp_audit_append_only()""",
        """CREATE OR REPLACE TRIGGER audit_events_no_truncate
        BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION sirhp_audit_append_only()""",
        # the owner may grant them back, but no statement of the application
        # gets that far by mistake (superusers are not concerned by either)
        "REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM CURRENT_USER",
    )


class Connection:
    """One thread's connection to ``dsn``, opened again after a failure."""

    def __init__(self, dsn, schema):
        self.dsn = dsn
        self.schema = schema
        self.raw = None
        self._transaction = False  # a BEGIN was sent and not ended

    def _open(self):
        raw = psycopg2.connect(
            self.dsn,
            connect_timeout=CONNECT_TIMEOUT_S,
            keepalives=1,
            keepalives_idle=10,
            keepalives_interval=3,
            keepalives_count=3,
            options=f"-c lock_timeout={LOCK_TIMEOUT_MS}",
            application_name="sirhp-audit",
        )
        raw.autocommit = True  # transactions are explicit, as with SQLite
        _ensure_schema(self.dsn, raw, self.schema)
        self.raw = raw

    def _usable(self):
        if self.raw is not None and not self.raw.closed:
            return
        self.raw = None
        if self._transaction:
            # never reopen silently: the open transaction's inserts are gone
            self._transaction = False
            raise psycopg2.OperationalError("audit store connection lost")
        self._open()

    def execute(self, sql, params=None):
        self._usable()
        outside = not self._transaction
        try:
            cursor = self._execute(sql, params)
        except Error:
            if self.raw is not None and not self.raw.closed:
                raise
            self.raw = None
            self._transaction = False
            if not outside:
                raise
            # a connection PostgreSQL closed since its last use (a restart):
            # nothing of a transaction was lost, so once more on a new one
            self._open()
            cursor = self._execute(sql, params)
        word = sql.lstrip()[:8].upper()
        if word.startswith("BEGIN"):
            self._transaction = True
        elif word.startswith(("COMMIT", "ROLLBACK")):
            self._transaction = False
        return cursor

    def _execute(self, sql, params):
        cursor = self.raw.cursor(cursor_factory=DictCursor)
        cursor.execute(sql.replace("?", "%s"), tuple(params) if params else None)
        return cursor

    def executemany(self, sql, rows):
        for row in rows:
            self.execute(sql, row)

    @property
    def in_transaction(self):
        if self.raw is None or self.raw.closed:
            return False
        return self.raw.info.transaction_status != TRANSACTION_STATUS_IDLE

    def close(self):
        if self.raw is not None:
            self.raw.close()
        self.raw = None
        self._transaction = False


def _ensure_schema(dsn, raw, schema):
    with _schema_lock:
        if dsn in _initialised:
            return
        with raw.cursor() as cursor:
            # created already: a tool connected with another role (verify
            # as an auditor) may not own the tables, and needs no DDL
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = %s",
                ("audit_events_no_truncate",),
            )
            cursor.execute(
                "SELECT %s AND to_regclass('login_failures') IS NOT NULL",
                (cursor.fetchone()[0] > 0,),
            )
            if cursor.fetchone()[0]:
                _initialised.add(dsn)
                return
            cursor.execute("BEGIN")
            try:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK_KEY,))
                for statement in schema:
                    cursor.execute(statement)
                cursor.execute("COMMIT")
            except BaseException:
                raw.rollback()
                raise
        _initialised.add(dsn)


def connect(dsn: str, schema) -> Connection:
    """This thread's connection to ``dsn`` (opened at its first statement)."""
    connections = getattr(_local, "connections", None)
    if connections is None:
        connections = _local.connections = {}
    connection = connections.get(dsn)
    if connection is None:
        connection = connections[dsn] = Connection(dsn, schema)
    return connection


def begin_write(connection, table):
    """Open a write transaction holding ``table`` for writers of every host
    until COMMIT or ROLLBACK (readers go on): appends never fork the chain."""
    connection.execute("BEGIN")
    try:
        # an advisory lock, not LOCK TABLE: that one needs the UPDATE or
        # DELETE privilege the application role no longer has on the journal
        connection.execute(
            "SELECT pg_advisory_xact_lock(?, hashtext(?))", (LOCK_NAMESPACE, table)
        )
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def public(dsn: str) -> str:
    """``dsn`` without its password (for pages and logs)."""
    parameters = psycopg2.extensions.parse_dsn(dsn)
    parameters.pop("password", None)
    return " ".join(f"{key}={value}" for key, value in sorted(parameters.items()))


def close_all():
    """Close this thread's connections (tests: as after a restart)."""
    for connection in getattr(_local, "connections", {}).values():
        connection.close()
    _local.connections = {}
    with _schema_lock:
        _initialised.clear()
