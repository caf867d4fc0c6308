"""The health report of one Zope client, for the load balancer and the
supervisor: database, audit journal, text worker, disk.

Open to Anonymous, hence it says only ``ok`` and technical figures (sizes,
times), never a name, a matricule or a path. Settings (environment of
zope.conf, deployment choices rather than HR ones):

- ``SIRHP_HEALTH_WORKER``: ``1`` when a text worker is deployed; then a
  worker unseen for 5 minutes fails the report (its heartbeat: its polls of
  ``@text-queue``).
- ``SIRHP_HEALTH_MIN_FREE``: free-space threshold of the data folders
  (``2GiB``, ``5%``; default: the smaller of 1 GiB and 5 %).
"""

from App.config import getConfiguration
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
import os
import shutil
from sirhp.content.documents import api as documents_api
from sirhp.policy import logger
from sirhp.policy.audit import db as audit_db
from sirhp.policy.audit.health import probe_write
from sirhp.policy.audit.journal import get_journal
from sirhp.policy.health import rules
import time

TIMEOUT = 3.0
WORKER_SETTING = "SIRHP_HEALTH_WORKER"
MIN_FREE_SETTING = "SIRHP_HEALTH_MIN_FREE"

# one thread for the storage probe: a hung storage cannot hold the request
_probe = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sirhp-health")


def report(site, now: float | None = None) -> dict:
    """``{"status": "ok"|"fail", "checks": {...}}`` for ``site``."""
    now = time.time() if now is None else now
    checks = {
        "database": database(site),
        "journal": journal(),
        "worker": rules.worker_check(
            documents_api.worker_last_seen(),
            now,
            rules.is_true(os.environ.get(WORKER_SETTING)),
        ),
        "disk": disk(site),
    }
    return {"status": rules.overall(checks), "checks": checks}


def _storage(site):
    return site._p_jar.db().storage


def database(site) -> dict:
    """A cheap read of the storage (size, last transaction), within
    ``TIMEOUT`` seconds; a disconnected ZEO client fails."""
    storage = _storage(site)

    def probe():
        connected = getattr(storage, "is_connected", None)
        if connected is not None and not connected():
            return False
        storage.lastTransaction()
        storage.getSize()
        return True

    try:
        ok = _probe.submit(probe).result(timeout=TIMEOUT)
    except FutureTimeout:
        logger.warning("Health: the database did not answer in %ss", TIMEOUT)
        ok = False
    except Exception:
        logger.exception("Health: database probe failed")
        ok = False
    return {"ok": ok}


def journal() -> dict:
    """The audit journal can be written now: an event inserted and rolled
    back (``audit.health.probe_write``, the journal page's own probe; the
    chain is verified by ``@journal-health``, too slow for a balancer)."""
    writable = probe_write(get_journal())
    return {"ok": writable, "writable": writable}


def data_folders(site) -> list[str]:
    """The folders whose free space matters: the instance var, the blobs,
    the journal's."""
    storage = _storage(site)
    blobs = getattr(storage, "blob_dir", None) or getattr(
        getattr(storage, "fshelper", None), "base_dir", None
    )
    # none on PostgreSQL: its server watches its own disk
    journal_file = audit_db.file_path(audit_db.default_location())
    folders = [
        getConfiguration().clienthome,
        blobs,
        journal_file and str(journal_file.parent),
    ]
    return [folder for folder in folders if folder and os.path.isdir(folder)]


def disk(site) -> dict:
    """Free space of the data folders against ``SIRHP_HEALTH_MIN_FREE``;
    the figure given is the smallest free space."""
    threshold = rules.parse_min_free(os.environ.get(MIN_FREE_SETTING))
    ok = True
    smallest = None
    for folder in data_folders(site):
        usage = shutil.disk_usage(folder)
        ok = ok and rules.free_enough(usage.free, usage.total, threshold)
        smallest = usage.free if smallest is None else min(smallest, usage.free)
    return {"ok": ok, "free_bytes": smallest}
