"""The journal's table on each backend: the same columns (the row format
the hash chain is computed on, ``journal.FIELDS``), the same indexes;
UPDATE and DELETE refused by the store itself (triggers; on PostgreSQL
also TRUNCATE, and the application role's privileges revoked).
Registered with ``db`` at import, created at a store's first use."""

from sirhp.policy.audit import db
from sirhp.policy.audit import db_postgresql

_COLUMNS = """
        ts TEXT NOT NULL,
        user_id TEXT NOT NULL DEFAULT '',
        roles TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL,
        uid TEXT NOT NULL DEFAULT '',
        path TEXT NOT NULL DEFAULT '',
        matricule TEXT NOT NULL DEFAULT '',
        agency TEXT NOT NULL DEFAULT '',
        client TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '',
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL"""
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS audit_events_matricule ON audit_events (matricule)",
    "CREATE INDEX IF NOT EXISTS audit_events_user ON audit_events (user_id)",
    "CREATE INDEX IF NOT EXISTS audit_events_ts ON audit_events (ts)",
    "CREATE INDEX IF NOT EXISTS audit_events_agency ON audit_events (agency, id)",
)
SCHEMA = (
    f"""CREATE TABLE IF NOT EXISTS audit_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,{_COLUMNS}
    )""",
    *_INDEXES,
    """CREATE TRIGGER IF NOT EXISTS audit_events_no_update
        BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit journal is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_events_no_delete
        BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit journal is append-only'); END""",
)
# Same columns; the append-only triggers and revokes are the backend's
SCHEMA_POSTGRESQL = db_postgresql.schema_statements(
    (
        f"""CREATE TABLE IF NOT EXISTS audit_events (
        id BIGINT PRIMARY KEY,{_COLUMNS}
    )""",
        *_INDEXES,
    )
)
db.register_schema(sqlite=SCHEMA, postgresql=SCHEMA_POSTGRESQL)
