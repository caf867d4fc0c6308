"""The SQLite file beside the ZODB that holds the audit journal and the login
throttle: one connection per thread and per file, WAL mode.

Why SQLite and not the ZODB: reading a personnel file must not write to the
ZODB (no conflicts when twenty clients read the same file), and the journal
must stay outside the content that administrators can edit through the web.
SQLite in WAL mode lets several Zope processes of one host (ZEO clients)
append to the same file; each append is a short ``BEGIN IMMEDIATE``
transaction.

The path comes from the environment variable ``SIRHP_AUDIT_DB`` (set by the
``<environment>`` section of zope.conf), else ``<clienthome>/sirhp-audit.sqlite``.
A ``file:`` URI is opened as such (``file:/var/x.sqlite?mode=ro`` for a
read-only journal: the fail-closed tests, whatever the user's rights).
"""

from App.config import getConfiguration
import os
from pathlib import Path
import sqlite3
import threading

ENV_VARIABLE = "SIRHP_AUDIT_DB"
DEFAULT_NAME = "sirhp-audit.sqlite"
BUSY_TIMEOUT_MS = 10000

_local = threading.local()
_schema_lock = threading.Lock()
_initialised = set()
_schema_hooks = []


def register_schema(statements):
    """Add DDL statements (idempotent: ``CREATE ... IF NOT EXISTS``) run once
    per process and file before its first use."""
    _schema_hooks.append(tuple(statements))


def default_path() -> str:
    """Where the audit database lives (environment, else the instance var)."""
    path = os.environ.get(ENV_VARIABLE)
    if path:
        return path
    try:
        home = getConfiguration().clienthome
    except Exception:  # no Zope configuration (scripts, unit tests)
        home = None
    return str(Path(home or ".") / DEFAULT_NAME)


def connect(path: str | None = None) -> sqlite3.Connection:
    """This thread's connection to the audit database ``path``."""
    path = path or default_path()
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
        _ensure_schema(path, connection)
        connections[path] = connection
    return connection


def _ensure_schema(path, connection):
    with _schema_lock:
        if path in _initialised:
            return
        # WAL is kept in the file: set once, before any write. Set by every
        # new connection, it raced with another thread's first write on a
        # new file (the mode change and the commit each wait for the other's
        # lock: SQLite answers "locked" at once, without waiting).
        connection.execute("PRAGMA journal_mode = WAL")
        for statements in _schema_hooks:
            for statement in statements:
                connection.execute(statement)
        _initialised.add(path)


def close_all():
    """Close this thread's connections (tests reopen the file as after a restart)."""
    for connection in getattr(_local, "connections", {}).values():
        connection.close()
    _local.connections = {}
    with _schema_lock:
        _initialised.clear()
