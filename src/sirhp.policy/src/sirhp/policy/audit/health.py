"""Is the audit journal usable? ``journal_health()`` for administrators,
``GET @journal-health`` and the site health check.

- ``writable``: a real write probe (a write transaction, an insert that the
  triggers allow, ROLLBACK): a read-only file or a lock held beyond the
  timeout shows here;
- ``free_bytes``: free space of the journal's filesystem (a full disk is
  often seen only at COMMIT, so watch it before it reaches zero); None on
  PostgreSQL, whose server is watched on its own host;
- ``chain_ok``: the last full verification of the hash chain, cached
  ``VERIFY_SECONDS`` (a verification reads every row).
"""

import os
from sirhp.policy import logger
from sirhp.policy.audit import db
from sirhp.policy.audit.journal import get_journal
import time

VERIFY_SECONDS = 600
# Below this much free space the journal is reported not ok
MIN_FREE_BYTES = 50 * 1024 * 1024
_verifications = {}  # path -> (time, Verification)


def probe_write(journal) -> bool:
    """Can an event be written now? Nothing is kept (rolled back)."""
    try:
        connection = journal.connection
        db.begin_write(connection, "audit_events")
        try:
            connection.execute(
                # an id no event has (events count from 1): never a conflict
                "INSERT INTO audit_events (id, ts, action, prev_hash, hash) "
                "VALUES (-1, '', 'probe', '', '')"
            )
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
    except db.ERRORS as error:
        logger.warning("Audit journal not writable: %s", error)
        return False
    return True


def free_bytes(journal) -> int | None:
    """Free space (bytes) of the filesystem holding the journal file; None
    for PostgreSQL (the database server watches its own disk)."""
    path = db.file_path(journal.path)
    if path is None:
        return None
    try:
        stats = os.statvfs(path.parent)
    except OSError:
        return None
    return stats.f_bavail * stats.f_frsize


def chain_verification(journal, now=None, max_age=VERIFY_SECONDS):
    """The last verification of ``journal`` (a new one when older than
    ``max_age`` seconds): ``(verified_at, Verification or None)``."""
    now = now or time.time()
    cached = _verifications.get(journal.path)
    if cached and now - cached[0] < max_age:
        return cached
    try:
        result = (now, journal.verify())
    except db.ERRORS as error:
        logger.warning("Audit journal cannot be verified: %s", error)
        result = (now, None)
    _verifications[journal.path] = result
    return result


def journal_health(journal=None, max_age=VERIFY_SECONDS) -> dict:
    """The journal's health.

    :param journal: a ``Journal`` (default: the site's).
    :param max_age: seconds a chain verification is reused.
    :returns: ``{"ok", "writable", "free_bytes", "chain_ok", "checked",
        "verified_at", "path"}``; ``ok`` when writable, the chain verified
        and at least ``MIN_FREE_BYTES`` free.
    """
    journal = journal or get_journal()
    writable = probe_write(journal)
    free = free_bytes(journal)
    verified_at, verification = chain_verification(journal, max_age=max_age)
    chain_ok = bool(verification and verification.ok)
    local = db.file_path(journal.path) is not None
    space_ok = not local or (free is not None and free >= MIN_FREE_BYTES)
    return {
        "ok": writable and chain_ok and space_ok,
        "writable": writable,
        "free_bytes": free,
        "chain_ok": chain_ok,
        "checked": verification.checked if verification else 0,
        "verified_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(verified_at)),
        "path": db.public_location(journal.path),
    }
