"""Login failures and locks, per account and per client address.

Stored in the audit SQLite file (table ``login_failures``, not the journal:
its rows expire), so every Zope process of the host sees the same counters
and a login attempt writes nothing to the ZODB.

Rule: ``N`` failures within ``window`` minutes lock the account (or the
address, with its own, higher ``N``) for ``lockout`` minutes from the last
of them. Attempts refused while locked are not counted, so a lock expires
on time even under attack; a successful interactive login clears the
account's failures (not the address's).
"""

from dataclasses import dataclass
from plone import api
from sirhp.policy.audit import db
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

    def _failures(self, kind, key, since):
        rows = self.connection.execute(
            "SELECT ts FROM login_failures WHERE kind = ? AND key = ? AND ts >= ? "
            "ORDER BY ts",
            (kind, key, since),
        ).fetchall()
        return [row[0] for row in rows]

    def status(self, login, client, now=None) -> LockStatus:
        now = now or time.time()
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
            connection.execute("ROLLBACK")
            raise

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
