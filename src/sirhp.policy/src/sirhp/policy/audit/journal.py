"""The audit journal (journal d'accès): append-only, hash-chained, in SQLite
(one host) or PostgreSQL (several hosts; ``db`` chooses).

One row per event. Each row stores ``hash = sha256(prev_hash + content)``,
so changing, removing or inserting a row breaks the chain from that row on;
``verify()`` finds the first broken row. The store refuses UPDATE and
DELETE (triggers; on PostgreSQL also TRUNCATE and the role's privileges), and no Python API, view or endpoint modifies a row: only ``append``.
Truncation of the most recent rows is only detectable against a head hash
kept elsewhere (see docs/operations.md: "anchor" the head daily).
"""

from dataclasses import dataclass
import datetime
import hashlib
import json
from sirhp.policy.audit import db
from sirhp.policy.audit import schema  # noqa: F401 (the tables, registered)

GENESIS = "0" * 64
VERIFY_BATCH = 5000

# Columns of an event, in hash order (id and hashes excepted).
FIELDS = (
    "ts",
    "user_id",
    "roles",
    "action",
    "uid",
    "path",
    "matricule",
    "agency",
    "client",
    "reason",
    "detail",
)
COLUMNS = ("id", *FIELDS, "prev_hash", "hash")  # a row as stored
INSERT = (
    f"INSERT INTO audit_events ({', '.join(COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in COLUMNS)})"
)


# Actions (the ``action`` column)
VIEW = "view"  # a file or record page, its REST GET, its history
VIEW_SENSITIVE = "view_sensitive"  # medical fields shown or serialised
REASON = "reason"  # a reason declared for sensitive consultations
DOWNLOAD = "download"  # a scanned document's file
CREATE = "create"
MODIFY = "modify"
DELETE = "delete"
MOVE = "move"
TRANSITION = "transition"
DENIED = "denied"  # 401/403 on a SIRHP object, view or endpoint
LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGIN_LOCKED = "login_locked"  # refused: account or address locked
LOGOUT = "logout"
EXPORT = "export"
TOTP_CODES = "totp_codes"  # new recovery codes generated (old ones void)
TOTP_RECOVERY = "totp_recovery"  # a recovery code used instead of the TOTP code
TOTP_RESET = "totp_reset"  # an administrator removed someone's second factor
TEXT_EXTRACTION = "text_extraction"  # the text worker read a document's file (OCR)
CAREER_ACTS_BUILT = "careers.acts_built"  # a file's missing career acts filed
CAREERS_APPLIED = "careers.applied"  # validated career acts written on a file
# the daily job proposed a file's retirement act (age limit reached)
CAREERS_RETIREMENT_PROPOSED = "careers.retirement_proposed"
PROMOTION_BUILT = "promotion.built"  # a tableau d'avancement ranked
PROMOTION_PUBLISHED = "promotion.published"  # its promotion acts filed
PROMOTION_EXCEPTIONAL = "promotion.exceptional"  # an art. 19 promotion proposed
# a training session closed: its training acts filed (sirhp.content.training)
TRAINING_CLOSED = "training.closed"
# an evaluation campaign opened: its evaluations created (sirhp.content.evaluation)
EVALUATION_OPENED = "evaluation.opened"
# a legacy register imported: one line with the counts (each file's "create")
LEGACY_IMPORT = "legacy.import"
# a staff finder search: its parameters and count (sirhp.content.deployment)
DEPLOYMENT_SEARCH = "deployment.search"
# a deployment list saved from a search: its members' count and title
DEPLOYMENT_LIST = "deployment.list"
# recruitment (sirhp.content.recruitment): a candidate registered, marks
# entered, an elimination, a marks spreadsheet stored, a campaign's transition
RECRUITMENT_CANDIDATE = "recruitment.candidate"
RECRUITMENT_SCORES = "recruitment.scores"
RECRUITMENT_ELIMINATED = "recruitment.eliminated"
RECRUITMENT_IMPORT = "recruitment.import"
RECRUITMENT_TRANSITION = "recruitment.transition"
# admission (sirhp.content.recruitment.admission, admissions): a draft file
# made of an admitted candidate, the campaign's files made, the file's
# nomination to its training session (or its refusal)
RECRUITMENT_ADMITTED = "recruitment.admitted"
RECRUITMENT_ADMISSIONS = "recruitment.admissions"
RECRUITMENT_NOMINATED = "recruitment.nominated"
RECRUITMENT_NOMINATION_REFUSED = "recruitment.nomination_refused"
# official documents (sirhp.content.attestations): asked for (the kind),
# issued and revoked (the number), refused (the kind)
ATTESTATION_REQUESTED = "attestation.requested"
ATTESTATION_ISSUED = "attestation.issued"
ATTESTATION_REVOKED = "attestation.revoked"
ATTESTATION_REFUSED = "attestation.refused"

ACTIONS = (
    VIEW,
    VIEW_SENSITIVE,
    REASON,
    DOWNLOAD,
    CREATE,
    MODIFY,
    DELETE,
    MOVE,
    TRANSITION,
    DENIED,
    LOGIN,
    LOGIN_FAILED,
    LOGIN_LOCKED,
    LOGOUT,
    EXPORT,
    TOTP_CODES,
    TOTP_RECOVERY,
    TOTP_RESET,
    TEXT_EXTRACTION,
    CAREER_ACTS_BUILT,
    CAREERS_APPLIED,
    CAREERS_RETIREMENT_PROPOSED,
    PROMOTION_BUILT,
    PROMOTION_PUBLISHED,
    PROMOTION_EXCEPTIONAL,
    TRAINING_CLOSED,
    EVALUATION_OPENED,
    LEGACY_IMPORT,
    DEPLOYMENT_SEARCH,
    DEPLOYMENT_LIST,
    RECRUITMENT_CANDIDATE,
    RECRUITMENT_SCORES,
    RECRUITMENT_ELIMINATED,
    RECRUITMENT_IMPORT,
    RECRUITMENT_TRANSITION,
    RECRUITMENT_ADMITTED,
    RECRUITMENT_ADMISSIONS,
    RECRUITMENT_NOMINATED,
    RECRUITMENT_NOMINATION_REFUSED,
    ATTESTATION_REQUESTED,
    ATTESTATION_ISSUED,
    ATTESTATION_REVOKED,
    ATTESTATION_REFUSED,
)


def utcnow() -> str:
    return (
        datetime.datetime.now(datetime.UTC)
        .isoformat(timespec="microseconds")
        .replace("+00:00", "Z")
    )


def row_hash(prev_hash: str, event_id: int, values: dict) -> str:
    content = json.dumps(
        [event_id] + [values.get(name) or "" for name in FIELDS],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


@dataclass
class Verification:
    ok: bool
    checked: int
    first_bad_id: int | None
    head: str


class Journal:
    """The journal in the store ``path``, a SQLite file or a PostgreSQL DSN
    (default: ``db.default_location()``)."""

    def __init__(self, path: str | None = None):
        self.path = path or db.default_location()

    @property
    def connection(self):
        return db.connect(self.path)

    def append(self, action: str, **values) -> int:
        """Add one event; returns its id. Unknown keys are refused."""
        return self.append_many([dict(values, action=action)])[-1]

    def append_many(self, events) -> list[int]:
        """Add events in one store transaction (one chain step each)."""
        connection = self.connection
        ids = self.insert_open(connection, events)
        if ids:
            try:
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        return ids

    def insert_open(self, connection, events) -> list[int]:
        """Open a write transaction (appends serialised across processes and
        hosts: ``db.begin_write``) and insert ``events``, leaving it open for
        the caller to COMMIT (or ROLLBACK); rolled back here if an insert
        fails. Nothing is begun for no events."""
        rows = [_row(event) for event in events]
        if not rows:
            return []
        db.begin_write(connection, "audit_events")
        try:
            last = connection.execute(
                "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1"
            ).fetchone()
            prev_hash = last["hash"] if last else GENESIS
            event_id = last["id"] if last else 0
            ids = []
            for values in rows:
                event_id += 1
                values["prev_hash"] = prev_hash
                values["hash"] = prev_hash = row_hash(prev_hash, event_id, values)
                connection.execute(
                    INSERT, [event_id] + [values[name] for name in COLUMNS[1:]]
                )
                ids.append(event_id)
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        return ids

    def _where(self, user_id, matricule, agency, action, since, until, exclude_user):
        clauses, params = [], []
        for column, value in (
            ("user_id", user_id),
            ("matricule", matricule),
            ("agency", agency),
        ):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if action:
            actions = [action] if isinstance(action, str) else list(action)
            clauses.append(f"action IN ({', '.join('?' for _ in actions)})")
            params.extend(actions)
        if since:
            clauses.append("ts >= ?")
            params.append(since)
        if until:
            clauses.append("ts < ?")
            params.append(until)
        if exclude_user:
            clauses.append("user_id != ?")
            params.append(exclude_user)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return where, params

    def query(
        self,
        user_id=None,
        matricule=None,
        agency=None,
        action=None,
        since=None,
        until=None,
        exclude_user=None,
        limit=50,
        offset=0,
    ) -> list[dict]:
        """Events matching every given filter, newest first.

        ``since``/``until`` are ISO timestamps (UTC, ``until`` excluded);
        ``action`` is one action or a list.
        """
        where, params = self._where(
            user_id, matricule, agency, action, since, until, exclude_user
        )
        rows = self.connection.execute(
            f"SELECT * FROM audit_events {where} ORDER BY id DESC LIMIT ? OFFSET ?",
            params + [int(limit), int(offset)],
        ).fetchall()
        return [dict(row) for row in rows]

    def count(
        self,
        user_id=None,
        matricule=None,
        agency=None,
        action=None,
        since=None,
        until=None,
        exclude_user=None,
    ) -> int:
        where, params = self._where(
            user_id, matricule, agency, action, since, until, exclude_user
        )
        return self.connection.execute(
            f"SELECT COUNT(*) FROM audit_events {where}", params
        ).fetchone()[0]

    def head(self) -> str:
        """Hash of the last event (GENESIS when empty): record it elsewhere."""
        row = self.connection.execute(
            "SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return row["hash"] if row else GENESIS

    def verify(self, expected_head: str | None = None) -> Verification:
        """Recompute the chain; the first row whose hash does not match fails.

        With ``expected_head`` (a head recorded earlier), also check that this
        event is still in the journal (detects truncation after it).
        """
        prev_hash = GENESIS
        checked = 0
        seen_expected = expected_head is None
        expected_id = 1
        for values in self.rows_in_order():
            if (
                values["id"] != expected_id
                or values["prev_hash"] != prev_hash
                or row_hash(prev_hash, values["id"], values) != values["hash"]
            ):
                return Verification(False, checked, values["id"], prev_hash)
            prev_hash = values["hash"]
            checked += 1
            expected_id += 1
            if prev_hash == expected_head:
                seen_expected = True
        if not seen_expected:
            return Verification(False, checked, None, prev_hash)
        return Verification(True, checked, None, prev_hash)

    def rows_in_order(self, batch=VERIFY_BATCH):
        """Every event by id, read ``batch`` rows at a time (memory stays
        flat on a large journal, whatever the backend)."""
        last = 0
        while True:
            rows = self.connection.execute(
                "SELECT * FROM audit_events WHERE id > ? ORDER BY id LIMIT ?",
                (last, batch),
            ).fetchall()
            for row in rows:
                yield dict(row)
            if len(rows) < batch:
                return
            last = rows[-1]["id"]


def _row(event: dict) -> dict:
    unknown = set(event) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown journal fields: {sorted(unknown)}")
    if event.get("action") not in ACTIONS:
        raise ValueError(f"unknown journal action: {event.get('action')}")
    values = {name: _text(event.get(name)) for name in FIELDS}
    values["ts"] = values["ts"] or utcnow()
    return values


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def get_journal() -> Journal:
    """The site's journal (path from the environment, read at each call)."""
    return Journal()
