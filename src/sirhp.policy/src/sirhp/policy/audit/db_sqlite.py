"""The SQLite backend of the audit store (journal and login throttle): one
file beside the ZODB, one connection per thread and per file, WAL mode.

Why SQLite by default: reading a personnel file must not write to the ZODB
(no conflicts when twenty clients read the same file), and the journal must
stay outside the content that administrators can edit through the web.
SQLite in WAL mode lets several Zope processes of one host (ZEO clients)
append to the same file; each append is a short ``BEGIN IMMEDIATE``
transaction. Several hosts use the PostgreSQL backend (``db_postgresql``).

A ``file:`` URI is opened as such (``file:/var/x.sqlite?mode=ro`` for a
read-only journal: the fail-closed tests, whatever the user's rights).
"""

from pathlib import Path
import sqlite3
import threading

BUSY_TIMEOUT_MS = 10000
Error = sqlite3.Error

_local = threading.local()
_schema_lock = threading.Lock()
_initialised = set()


def connect(path: str, schema) -> sqlite3.Connection:
    """This thread's connection to the file ``path``; ``schema`` (DDL
    statements, idempotent) is run once per process and file."""
    connections = getattr(_local, "connections", None)
    if connections is None:
        connections = _local.connections = {}
    connection = connections.get(path)
    if connection is None:
        uri = path.startswith("file:")
        if not uri:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=uri
        )
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA synchronous = NORMAL")
        _ensure_schema(path, connection, schema)
        connections[path] = connection
    return connection


def _ensure_schema(path, connection, schema):
    with _schema_lock:
        if path in _initialised:
            return
        # WAL is kept in the file: set once, before any write. Set by every
        # new connection, it raced with another thread's first write on a
        # new file (the mode change and the commit each wait for the other's
        # lock: SQLite answers "locked" at once, without waiting).
        connection.execute("PRAGMA journal_mode = WAL")
        for statement in schema:
            connection.execute(statement)
        _initialised.add(path)


def begin_write(connection, table):
    """Open a write transaction: the whole file is locked for writers until
    COMMIT or ROLLBACK (appends are serialised)."""
    connection.execute("BEGIN IMMEDIATE")


def file_path(path: str) -> Path:
    """The file of ``path`` (a ``file:`` URI's without its query)."""
    if path.startswith("file:"):
        path = path[len("file:") :].split("?", 1)[0]
    return Path(path)


def close_all():
    """Close this thread's connections (tests reopen the file as after a restart)."""
    for connection in getattr(_local, "connections", {}).values():
        connection.close()
    _local.connections = {}
    with _schema_lock:
        _initialised.clear()
