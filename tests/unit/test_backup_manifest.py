"""The manifest functions of scripts/backup.py (no Zope, no database)."""

import hashlib
import os
import pytest
import socket
import sqlite3
from tests.scripts import load_script


@pytest.fixture(scope="module")
def tool():
    return load_script("scripts/backup.py")


@pytest.fixture
def folder(tmp_path):
    tmp_path = tmp_path / "backup"
    (tmp_path / "blobstorage" / "0x01").mkdir(parents=True)
    (tmp_path / "blobstorage" / "0x01" / "a.blob").write_bytes(b"blob")
    (tmp_path / "repozo").mkdir()
    (tmp_path / "repozo" / "x.fsz").write_bytes(b"data")
    return tmp_path


def test_manifest_lists_every_file_with_its_sha256(tool, folder):
    hashes = tool.write_manifest(folder)
    assert hashes == {
        "blobstorage/0x01/a.blob": hashlib.sha256(b"blob").hexdigest(),
        "repozo/x.fsz": hashlib.sha256(b"data").hexdigest(),
    }
    # the format of sha256sum -c
    assert (folder / tool.MANIFEST).read_text().splitlines() == [
        f"{hashlib.sha256(b'blob').hexdigest()}  blobstorage/0x01/a.blob",
        f"{hashlib.sha256(b'data').hexdigest()}  repozo/x.fsz",
    ]
    assert tool.read_manifest(folder) == hashes
    assert tool.check_manifest(folder) == []


def test_check_names_changed_missing_and_unlisted_files(tool, folder):
    tool.write_manifest(folder)
    (folder / "blobstorage" / "0x01" / "a.blob").write_bytes(b"corrupt")
    (folder / "repozo" / "x.fsz").unlink()
    (folder / "extra").write_text("?")
    assert tool.check_manifest(folder) == [
        ("blobstorage/0x01/a.blob", "changed"),
        ("extra", "unlisted"),
        ("repozo/x.fsz", "missing"),
    ]
    with pytest.raises(tool.BackupError) as raised:
        tool.require_intact(folder)
    assert "changed: blobstorage/0x01/a.blob" in str(raised.value)
    assert str(raised.value).startswith("La sauvegarde")


def test_no_manifest_is_an_incomplete_backup(tool, folder):
    with pytest.raises(tool.BackupError, match="Sauvegarde incomplète"):
        tool.check_manifest(folder)


def test_unreadable_manifest_line_is_refused(tool, folder):
    (folder / tool.MANIFEST).write_text("not a hash\n")
    with pytest.raises(tool.BackupError, match="Ligne illisible"):
        tool.read_manifest(folder)


def test_sqlite_copy_is_one_file_with_the_journal_head(tool, tmp_path):
    live = sqlite3.connect(tmp_path / "live.sqlite")
    live.execute("PRAGMA journal_mode=WAL")
    live.execute("CREATE TABLE audit_events (id INTEGER PRIMARY KEY, hash TEXT)")
    live.executemany("INSERT INTO audit_events (hash) VALUES (?)", [("h1",), ("h2",)])
    live.commit()
    tool.copy_sqlite(tmp_path / "live.sqlite", tmp_path / "copy" / "journal.sqlite")
    live.close()
    assert tool.journal_summary(tmp_path / "copy" / "journal.sqlite") == {
        "events": 2,
        "head": "h2",
    }
    assert sorted(p.name for p in (tmp_path / "copy").iterdir()) == ["journal.sqlite"]


def test_restore_refuses_a_folder_that_has_a_database(tool, folder, tmp_path):
    tool.write_manifest(folder)
    target = tmp_path / "target"
    (target / "filestorage").mkdir(parents=True)
    (target / "filestorage" / "Data.fs").write_bytes(b"")
    with pytest.raises(tool.BackupError, match="Restauration refusée .* existe déjà"):
        tool.restore(folder, target)


def test_restore_refuses_while_a_server_answers(tool, folder, tmp_path):
    tool.write_manifest(folder)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        (tmp_path / "target" / "etc").mkdir(parents=True)
        (tmp_path / "target" / "etc" / "zope.ini").write_text(
            f"[server:main]\nhost = 127.0.0.1\nport = {port}\n"
        )
        with pytest.raises(tool.BackupError, match=f"répond sur le port {port}"):
            tool.restore(folder, tmp_path / "target")


def test_restore_refuses_while_the_zeo_server_runs(tool, folder, tmp_path):
    tool.write_manifest(folder)
    (tmp_path / "zeo").mkdir()
    (tmp_path / "zeo" / "zeo.pid").write_text(str(os.getpid()))
    with pytest.raises(tool.BackupError, match="le serveur ZEO .* tourne"):
        tool.restore(folder, tmp_path / "zeo")
