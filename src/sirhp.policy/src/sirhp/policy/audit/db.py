"""Where the audit journal and the login throttle are stored, and how.

Two backends behind the same few functions (one module each):

- SQLite (``db_sqlite``), the embedded default: a file beside the ZODB,
  shared by the Zope processes of one host. Its path comes from
  ``SIRHP_AUDIT_DB`` (the ``<environment>`` of zope.conf), else
  ``<clienthome>/sirhp-audit.sqlite``.
- PostgreSQL (``db_postgresql``) when ``SIRHP_AUDIT_DSN`` is set (a libpq
  DSN, ``postgresql://...`` or ``dbname=... host=...``; RelStorage
  instances get it in their zope.conf): one journal and one throttle for
  every host.

A *location* is a SQLite path or a PostgreSQL DSN; ``Journal(location)``
and ``Throttle(location)`` take either. The row format, the hash chain and
the throttle's rule are computed once, above this module.
"""

from App.config import getConfiguration
import os
from pathlib import Path
from sirhp.policy.audit import db_postgresql
from sirhp.policy.audit import db_sqlite

ENV_VARIABLE = "SIRHP_AUDIT_DB"
DSN_VARIABLE = "SIRHP_AUDIT_DSN"
DEFAULT_NAME = "sirhp-audit.sqlite"
# What a failing store raises (OSError: a folder that cannot be created)
ERRORS = (db_sqlite.Error, db_postgresql.Error, OSError)

_schemas = {"sqlite": [], "postgresql": []}


def register_schema(sqlite, postgresql):
    """Add DDL statements (idempotent: ``CREATE ... IF NOT EXISTS``), one
    version per backend, run once per process and store before its first use."""
    _schemas["sqlite"].extend(sqlite)
    _schemas["postgresql"].extend(postgresql)


def default_path() -> str:
    """The SQLite file (environment, else the instance var)."""
    path = os.environ.get(ENV_VARIABLE)
    if path:
        return path
    try:
        home = getConfiguration().clienthome
    except Exception:  # no Zope configuration (scripts, unit tests)
        home = None
    return str(Path(home or ".") / DEFAULT_NAME)


def default_location() -> str:
    """The configured store: the PostgreSQL DSN if set, else the SQLite file."""
    return os.environ.get(DSN_VARIABLE) or default_path()


def is_postgresql(location: str) -> bool:
    """Whether ``location`` is a PostgreSQL DSN (URI or key=value form)."""
    return location.startswith(("postgresql://", "postgres://")) or (
        "dbname=" in location
    )


def connect(location: str | None = None):
    """This thread's connection to the store ``location`` (default: the
    configured one): ``execute(sql, params)`` with ``?`` placeholders."""
    location = location or default_location()
    if is_postgresql(location):
        return db_postgresql.connect(location, _schemas["postgresql"])
    return db_sqlite.connect(location, _schemas["sqlite"])


def begin_write(connection, table: str):
    """Open a write transaction that serialises the writers of ``table``
    (all processes, all hosts) until COMMIT or ROLLBACK."""
    if isinstance(connection, db_postgresql.Connection):
        db_postgresql.begin_write(connection, table)
    else:
        db_sqlite.begin_write(connection, table)


def file_path(location: str) -> Path | None:
    """The SQLite file of ``location``; None for PostgreSQL (no local file)."""
    if is_postgresql(location):
        return None
    return db_sqlite.file_path(location)


def public_location(location: str) -> str:
    """``location`` as it may be shown: a file path, or a DSN without password."""
    if is_postgresql(location):
        return db_postgresql.public(location)
    return str(db_sqlite.file_path(location))


def close_all():
    """Close this thread's connections (tests reopen as after a restart)."""
    db_sqlite.close_all()
    db_postgresql.close_all()
