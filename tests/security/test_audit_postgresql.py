"""The audit store on PostgreSQL (several hosts): chosen by configuration,
the same rows and hash chain as SQLite, appends serialised across
connections, UPDATE/DELETE/TRUNCATE refused by the database, the journal
in the two-phase commit, the login throttle shared, a store that is away
refused fast and used again when back, and a host's SQLite journal copied
into PostgreSQL with its chain.

The PostgreSQL tests start their own cluster (scripts/postgres.py, in
/tmp/s6-pgjournal-*, a port of 19200-19299) once for the module: they start
a real process, hence ``system``. The selection tests need none.
"""

import os
from pathlib import Path
import pytest
from sirhp.policy.audit import db
from sirhp.policy.audit import transactional
from sirhp.policy.audit.health import journal_health
from sirhp.policy.audit.journal import Journal
from sirhp.policy.audit.unavailable import JournalUnavailable
from sirhp.policy.login.throttle import Throttle
import subprocess
import sys
from tests.system.ports import free_ports
from tests.system.postgres_server import PORTS
from tests.system.postgres_server import postgres_server
import threading
import time
import transaction
import ZODB
from ZODB.FileStorage import FileStorage

ROOT = Path(__file__).resolve().parents[2]
system = pytest.mark.system
EVENTS = [
    {"action": "view", "user_id": "clerk.pn", "matricule": "100001J", "ts": "T1"},
    {"action": "modify", "uid": "abc", "detail": {"fields": ["title"]}, "ts": "T2"},
    {"action": "login_failed", "user_id": "Élodie", "client": "10.0.0.1", "ts": "T3"},
]


@pytest.fixture(scope="module")
def pg():
    with postgres_server() as server:
        yield server
        db.close_all()  # a fast stop without sessions to end


@pytest.fixture
def zodb(tmp_path):
    database = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    yield database
    transaction.abort()
    database.close()


def unreachable_dsn():
    (port,) = free_ports(1, port_range=PORTS)  # nothing listens there
    return f"dbname=sirhp user=sirhp password=x host=127.0.0.1 port={port}"


def test_backend_chosen_by_configuration(monkeypatch, tmp_path):
    monkeypatch.setenv(db.ENV_VARIABLE, str(tmp_path / "a.sqlite"))
    monkeypatch.delenv(db.DSN_VARIABLE, raising=False)
    assert Journal().path == str(tmp_path / "a.sqlite")
    assert not db.is_postgresql(Journal().path)
    dsn = "dbname=sirhp user=sirhp password=secret host=10.0.0.9 port=5433"
    monkeypatch.setenv(db.DSN_VARIABLE, dsn)
    assert Journal().path == dsn  # the DSN wins over the file
    assert Throttle()._key == dsn
    assert db.is_postgresql("postgresql://sirhp@db.example/sirhp")
    assert db.file_path(dsn) is None
    assert "secret" not in db.public_location(dsn)
    assert "host=10.0.0.9" in db.public_location(dsn)


@system
def test_same_rows_and_chain_as_sqlite(pg, tmp_path):
    sqlite = Journal(str(tmp_path / "audit.sqlite"))
    # the same chain from the same start: a database of its own
    pg.superuser("CREATE DATABASE same_rows OWNER sirhp")
    fresh = Journal(pg.dsn.replace("dbname=sirhp", "dbname=same_rows"))
    sqlite.append_many(EVENTS)
    fresh.append_many(EVENTS)
    assert fresh.query(limit=10) == sqlite.query(limit=10)
    assert fresh.head() == sqlite.head()
    assert fresh.verify().ok and fresh.verify().checked == 3


@system
def test_update_delete_truncate_refused_by_the_database(pg):
    journal = Journal(pg.dsn)
    journal.append("view", user_id="clerk.pn")
    connection = journal.connection
    for statement in (
        "UPDATE audit_events SET user_id = 'x'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
    ):
        # the application role lost the privilege...
        with pytest.raises(db.ERRORS, match="permission denied"):
            connection.execute(statement)
    # ...and given back, the triggers still refuse
    pg.superuser("GRANT UPDATE, DELETE, TRUNCATE ON audit_events TO sirhp")
    try:
        for statement in (
            "UPDATE audit_events SET user_id = 'x'",
            "DELETE FROM audit_events",
            "TRUNCATE audit_events",
        ):
            with pytest.raises(db.ERRORS, match="append-only"):
                connection.execute(statement)
    finally:
        pg.superuser("REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM sirhp")
    assert journal.verify().ok


@system
def test_appends_of_several_connections_make_one_chain(pg):
    """Each thread has its own connection, as each host does."""
    journal = Journal(pg.dsn)
    before = journal.count()
    errors = []

    def write(name):
        try:
            for index in range(15):
                journal.append("view", user_id=name, detail=str(index))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            db.close_all()

    threads = [threading.Thread(target=write, args=(f"u{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert journal.count() == before + 60
    verification = journal.verify()
    assert verification.ok and verification.checked == before + 60


def change(database, journal, key):
    connection = database.open()
    try:
        connection.root()[key] = 1
        transactional.data_manager().journal = journal
        transactional.queue({"action": "modify", "uid": key}, ("modify", key))
        transaction.commit()
    finally:
        transaction.abort()
        connection.close()


def stored(database):
    connection = database.open()
    try:
        return dict(connection.root())
    finally:
        connection.close()


@system
def test_two_phase_commit_with_postgresql(pg, zodb):
    journal = Journal(pg.dsn)
    change(zodb, journal, "kept")
    assert journal.query(limit=1)[0]["uid"] == "kept"
    assert stored(zodb) == {"kept": 1}

    # another resource's vote fails after the journal's: lines rolled back,
    # the append lock released (the next change is journaled at once)
    class FailingVote:
        transaction_manager = transaction.manager

        def sortKey(self):
            return "\uffff"

        def abort(self, txn):
            pass

        tpc_begin = commit = tpc_finish = tpc_abort = abort

        def tpc_vote(self, txn):
            raise RuntimeError("vote refused")

    connection = zodb.open()
    connection.root()["lost"] = 1
    transactional.data_manager().journal = journal
    transactional.queue({"action": "modify", "uid": "lost"}, ("modify", "lost"))
    transaction.get().join(FailingVote())
    with pytest.raises(RuntimeError):
        transaction.commit()
    transaction.abort()
    connection.close()
    assert "lost" not in {e["uid"] for e in journal.query(limit=5)}
    started = time.monotonic()
    change(zodb, journal, "next")
    assert time.monotonic() - started < 5
    assert journal.query(limit=1)[0]["uid"] == "next"

    # the store unreachable: refused at the vote, within seconds, not stored
    started = time.monotonic()
    with pytest.raises(JournalUnavailable):
        change(zodb, Journal(unreachable_dsn()), "refused")
    assert time.monotonic() - started < 5
    assert "refused" not in stored(zodb)
    assert journal.verify().ok


@system
def test_lost_transaction_is_an_error_not_a_replay(pg):
    """The connection breaks between the vote and the finish: the COMMIT
    fails (the change is then refused), it is never sent on a new
    connection that would commit nothing."""
    journal = Journal(pg.dsn)
    before = journal.count()
    connection = journal.connection
    journal.insert_open(connection, [{"action": "modify", "uid": "cut"}])
    pg.superuser(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE application_name = 'sirhp-audit' AND state LIKE 'idle in%'"
    )
    with pytest.raises(db.ERRORS):
        connection.execute("COMMIT")
    assert journal.count() == before  # and the next statement reconnects


@system
def test_reconnects_after_the_server_closed_connections(pg):
    journal = Journal(pg.dsn)
    journal.append("view", user_id="before")
    pg.superuser(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE application_name = 'sirhp-audit'"
    )
    journal.append("view", user_id="after")  # no error: a new connection
    assert journal.query(limit=1)[0]["user_id"] == "after"


@system
def test_throttle_counts_failures_of_every_host(pg):
    throttle = Throttle(pg.dsn)
    throttle.clear_all()
    now = time.time()

    def fail(times):
        try:
            for _ in range(times):
                Throttle(pg.dsn).record_failure("Clerk.PN", "10.0.0.7", now=now)
        finally:
            db.close_all()

    for times in (3, 2):  # two "hosts", two connections
        thread = threading.Thread(target=fail, args=(times,))
        thread.start()
        thread.join()
    status = throttle.status("clerk.pn", "10.0.0.8", now=now + 1)
    assert status.locked and status.kind == "account"
    throttle.clear_account("clerk.pn")
    assert not throttle.status("clerk.pn", "10.0.0.8", now=now + 1).locked


@system
def test_unreachable_store_fails_closed_fast(pg):
    dsn = unreachable_dsn()
    started = time.monotonic()
    health = journal_health(Journal(dsn))
    assert not health["ok"] and not health["writable"]
    assert "password" not in health["path"]
    assert Throttle(dsn).status("clerk.pn", "").kind == "store"
    assert time.monotonic() - started < 10
    health = journal_health(Journal(pg.dsn), max_age=0)
    assert health["ok"] and health["free_bytes"] is None


def audit_journal(*args):
    return subprocess.run(
        [sys.executable, ROOT / "scripts" / "audit_journal.py", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("SIRHP_AUDIT")},
    )


@system
def test_a_host_journal_copied_into_postgresql_keeps_its_chain(pg, tmp_path):
    """A site moved to RelStorage: its SQLite journal continues in
    PostgreSQL, row for row, so the heads anchored before still verify."""
    path = tmp_path / "audit.sqlite"
    sqlite = Journal(str(path))
    sqlite.append_many(EVENTS)
    anchored = sqlite.head()
    pg.superuser("CREATE DATABASE moved OWNER sirhp")
    dsn = pg.dsn.replace("dbname=sirhp", "dbname=moved")
    result = audit_journal("copy", dsn, "--db", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: 3 events copied")
    moved = Journal(dsn)
    moved.append("view", user_id="after.the.move")
    result = audit_journal("verify", "--db", dsn, "--expect", anchored)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 events checked" in result.stdout
    # never into a journal that has events
    result = audit_journal("copy", dsn, "--db", path)
    assert result.returncode == 1 and "not empty" in result.stderr
