"""Login failures and locks, per account and per client address.

Stored in the audit SQLite file (table ``login_failures``, not the journal:
its rows expire), so every Zope process of the host sees the same counters
and a login attempt writes nothing to the ZODB.

Rule: ``N`` failures within ``window`` minutes lock the account (or the
address, with its own, higher ``N``) for ``lockout`` minutes from the last
of them. Attempts refused while locked are not counted, so a lock expires
on time even under attack; a successful interactive login clears the
account's failures (not the address's).

Fail closed: while the store cannot record a failure (disk full, read-only
file), every password attempt is refused as locked (kind ``STORE``),
otherwise failures would stop counting and passwords could be guessed.
"""

from dataclasses import dataclass
from plone import api
from sirhp.policy import logger
from sirhp.policy.audit import db
import sqlite3
import time

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS login_failures (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ts REAL NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures (kind, key, ts)",
)
db.register_schema(SCHEMA)

ACCOUNT = "account"
ADDRESS = "address"
STORE = "store"  # the counters cannot be written: every password refused
# A store found writable is trusted this long (seconds) before the next probe
PROBE_SECONDS = 10
_writable_until = {}
DEFAULTS = {
    "login_max_failures": 5,
    "login_max_failures_per_address": 20,
    "login_window_minutes": 15,
    "login_lockout_minutes": 15,
    "password_min_length": 12,
}


@dataclass
class LockStatus:
    locked: bool
    kind: str | None = None
    until: float | None = None

    @property
    def minutes_left(self) -> int:
        if not self.until:
            return 0
        return max(1, int((self.until - time.time()) // 60) + 1)


def setting(name):
    try:
        value = api.portal.get_registry_record(f"sirhp.security.{name}", default=None)
    except Exception:  # no site, or the registry not yet upgraded
        value = None
    return DEFAULTS[name] if value is None else value


def normalise_login(login) -> str:
    return str(login or "").strip().lower()


def _lock_end(timestamps, threshold, window, lockout):
    """End of the latest lock in these failure times (sorted), or None."""
    end = None
    for index in range(threshold - 1, len(timestamps)):
        if timestamps[index] - timestamps[index - threshold + 1] <= window:
            end = timestamps[index] + lockout
    return end


class Throttle:
    def __init__(self, path=None):
        self.path = path

    @property
    def connection(self):
        return db.connect(self.path)

    @property
    def _key(self):
        return self.path or db.default_path()

    def _failures(self, kind, key, since):
        rows = self.connection.execute(
            "SELECT ts FROM login_failures WHERE kind = ? AND key = ? AND ts >= ? "
            "ORDER BY ts",
            (kind, key, since),
        ).fetchall()
        return [row[0] for row in rows]

    def writable(self, now=None) -> bool:
        """Can a failure be recorded? A real write (a probe row, committed
        then deleted), trusted ``PROBE_SECONDS`` when it worked."""
        now = now or time.time()
        key = self._key
        if _writable_until.get(key, 0) > now:
            return True
        try:
            connection = self.connection
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute(
                    "INSERT INTO login_failures (ts, kind, key) VALUES (0, ?, '')",
                    (STORE,),
                )
                connection.execute("COMMIT")
            finally:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
            connection.execute("DELETE FROM login_failures WHERE kind = ?", (STORE,))
        except sqlite3.Error:
            logger.exception("Login failures cannot be recorded: logins refused")
            _writable_until.pop(key, None)
            return False
        _writable_until[key] = now + PROBE_SECONDS
        return True

    def status(self, login, client, now=None) -> LockStatus:
        now = now or time.time()
        if not self.writable(now):
            return LockStatus(True, STORE)
        window = setting("login_window_minutes") * 60
        lockout = setting("login_lockout_minutes") * 60
        since = now - window - lockout
        checks = (
            (ACCOUNT, normalise_login(login), setting("login_max_failures")),
            (ADDRESS, client or "", setting("login_max_failures_per_address")),
        )
        for kind, key, threshold in checks:
            if not key:
                continue
            end = _lock_end(
                self._failures(kind, key, since), threshold, window, lockout
            )
            if end and end > now:
                return LockStatus(True, kind, end)
        return LockStatus(False)

    def record_failure(self, login, client, now=None):
        now = now or time.time()
        rows = [(now, ACCOUNT, normalise_login(login))]
        if client:
            rows.append((now, ADDRESS, client))
        _writable_until.pop(self._key, None)
        connection = self.connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.executemany(
                "INSERT INTO login_failures (ts, kind, key) VALUES (?, ?, ?)", rows
            )
            # forget what can no longer lock anybody (one day is plenty)
            connection.execute(
                "DELETE FROM login_failures WHERE ts < ?", (now - 86400,)
            )
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        # recorded: the store is writable (the next status need not probe)
        _writable_until[self._key] = time.time() + PROBE_SECONDS

    def clear_account(self, login):
        self.connection.execute(
            "DELETE FROM login_failures WHERE kind = ? AND key = ?",
            (ACCOUNT, normalise_login(login)),
        )

    def clear_all(self):
        """Forget every failure (tests; an operator after an incident)."""
        self.connection.execute("DELETE FROM login_failures")


def get_throttle():
    return Throttle()
