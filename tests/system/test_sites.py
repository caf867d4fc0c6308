"""sites.py: the run's demo site is built once, copied whole, never half-read.

The lock and the rename are checked with a stand-in build (threads, no
Zope); the copy with the real demo site of ``--count 5`` the other system
tests share (built here if this module runs first): its Data.fs opens on
the site, its blobs are there, and its audit journal verifies with the
project's command and has the head of the built one.
"""

import pytest
import subprocess
import sys
from tests.system import sites
import threading
import time
from ZODB import DB
from ZODB.FileStorage import FileStorage

pytestmark = pytest.mark.system


def test_concurrent_askers_build_once_and_never_see_half(tmp_path):
    builds, seen = [], []

    def build(target):
        builds.append(target)
        target.mkdir()
        time.sleep(0.3)  # the other asker arrives while this one builds
        (target / "Data.fs").write_text("complete")

    def ask():
        ready = sites.shared_build(tmp_path, "demo-3", build)
        seen.append((ready / "Data.fs").read_text())

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(builds) == 1
    assert seen == ["complete"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo-3", "demo-3.lock"]


def test_failed_build_is_not_repeated(tmp_path):
    calls = []

    def build(target):
        calls.append(target)
        raise AssertionError("create_site.py exited with 1")

    for _ in range(2):
        with pytest.raises(AssertionError, match="exited with 1"):
            sites.shared_build(tmp_path, "demo-4", build)
    assert len(calls) == 1
    assert not (tmp_path / "demo-4").exists()


def journal(command, path, *args):
    return subprocess.run(
        [sys.executable, sites.SCRIPTS / "audit_journal.py", command, "--db", path]
        + list(args),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_installed_copy_is_the_built_site(tmp_path_factory):
    var = tmp_path_factory.mktemp("copy")
    sites.install_demo_site(var, 5, tmp_path_factory)
    built = sites.demo_site(5, tmp_path_factory)
    with pytest.raises(AssertionError, match="never overwritten"):
        sites.install_demo_site(var, 5, tmp_path_factory)

    db = DB(FileStorage(str(var / "filestorage" / "Data.fs"), read_only=True))
    try:
        portal = db.open().root()["Application"]["sirhp"]
        files = portal.portal_catalog.unrestrictedSearchResults(
            portal_type="PersonnelFile"
        )
        assert len(files) >= 5
    finally:
        db.close()
    blobs = sorted(
        p.relative_to(var / "blobstorage")
        for p in (var / "blobstorage").rglob("*.blob")
    )
    assert blobs, "the demo site has photos"
    assert blobs == sorted(
        p.relative_to(built / "blobstorage")
        for p in (built / "blobstorage").rglob("*.blob")
    )

    # the chain of the copy verifies and ends on the built journal's head
    head = journal("head", built / sites.JOURNAL).stdout.strip()
    assert head
    result = journal("verify", var / sites.JOURNAL, "--expect", head)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ") and f"head {head}" in result.stdout
