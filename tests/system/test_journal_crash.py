"""The journal and the ZODB in real processes: a process killed between the
journal COMMIT and the ZODB's, and a journal on a full disk."""

import os
from pathlib import Path
import pytest
from sirhp.policy.audit import transactional
from sirhp.policy.audit.journal import Journal
import subprocess
import sys
import tempfile
import transaction
import ZODB
from ZODB.FileStorage import FileStorage

pytestmark = pytest.mark.system

SCRIPT = """
import os, sys, transaction, ZODB
from ZODB.FileStorage import FileStorage
from sirhp.policy.audit import transactional
from sirhp.policy.audit.journal import Journal

data, journal_path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
database = ZODB.DB(FileStorage(data))
connection = database.open()
for index in range(count):
    if index == count - 1:  # the last change: killed after the journal COMMIT
        os.environ[transactional.CRASH_ENV] = "1"
    connection.root()[f"k{index}"] = index
    transactional.data_manager().journal = Journal(journal_path)
    transactional.queue({"action": "modify", "uid": f"k{index}"}, index)
    transaction.commit()
"""


def test_killed_between_journal_and_zodb_commits_leaves_no_unjournaled_change():
    with tempfile.TemporaryDirectory(prefix="ops-journal-") as tmp:
        data, journal_path = f"{tmp}/Data.fs", f"{tmp}/audit.sqlite"
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, data, journal_path, "4"],
            timeout=60,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 17, done.stderr  # os._exit in the window
        database = ZODB.DB(FileStorage(data))
        try:
            stored = set(database.open().root())
        finally:
            transaction.abort()
            database.close()
        journal = Journal(journal_path)
        lines = {event["uid"] for event in journal.query(limit=100)}
        assert stored == {"k0", "k1", "k2"}  # the last change was lost...
        assert stored <= lines  # ...every stored change has its line
        assert lines == {"k0", "k1", "k2", "k3"}  # at worst a line too many
        assert journal.verify().ok


@pytest.fixture
def full_disk():
    """A 256 KiB tmpfs holding the journal, then filled up."""
    mount = Path(tempfile.mkdtemp(prefix="ops-journal-jfull-"))
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
        capture_output=True,
    )
    if result.returncode:
        mount.rmdir()
        pytest.skip(f"tmpfs mount not permitted: {result.stderr!r}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
        mount.rmdir()


def fill(journal):
    """Append events until the disk is full (the journal keeps working for
    reads)."""
    with pytest.raises(Exception, match="full"):
        for _ in range(10000):
            journal.append_many(
                [{"action": "modify", "detail": "x" * 4000} for _ in range(8)]
            )


def test_change_refused_when_the_journal_disk_is_full(full_disk, tmp_path):
    journal = Journal(str(full_disk / "audit.sqlite"))
    fill(journal)
    database = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        connection = database.open()
        connection.root()["x"] = 1
        transactional.data_manager().journal = journal
        transactional.queue({"action": "modify", "uid": "x"}, "x")
        with pytest.raises(transactional.JournalUnavailable):
            transaction.commit()
        transaction.abort()
        connection.close()
        assert "x" not in database.open().root()
        transaction.abort()
    finally:
        database.close()
    assert journal.verify().ok
    assert os.path.exists(full_disk / "audit.sqlite")
