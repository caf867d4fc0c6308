"""Backup while Zope writes, restore, verify: real processes, one small site.

In a temporary folder /tmp/ops-backup-*: an embedded instance
(scripts/make_instance.py) on a free port of 9200-9299, the run's demo site
of 5 files (``create_site.py --demo --count 5``, built once per test run and
copied: sites.py), runwsgi serving it.
Personnel files are POSTed (acknowledged with 201) before the backup; while
``scripts/backup.py backup`` runs, more POSTs and PATCHes go on. Then the
backup is restored into a new folder and opened read-only: every file
acknowledged before the backup started is there, every blob's SHA-256 is
the manifest's, the journal chain verifies, ``backup.py verify`` exits 0.
A copy of the backup with one blob corrupted fails ``verify`` (exit 1) with
the blob's name. Every process is ended (fixture teardown).
"""

import contextlib
import hashlib
import json
import os
from pathlib import Path
import pytest
import requests
import shutil
import signal
from sirhp.policy.audit.journal import Journal
import subprocess
import sys
import tempfile
from tests.system import ports
from tests.system.sites import AUTH
from tests.system.sites import install_demo_site
from tests.system.test_zeo import load_make_instance
from tests.system.test_zeo import wait_for_site
from ZODB import DB
from ZODB.FileStorage import FileStorage

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
BIN = Path(sys.executable).parent
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
PORTS = range(9200, 9300)


def port_in_range():
    return ports.free_ports(1, PORTS)[0]


def run(*args, **kwargs):
    return subprocess.run(
        [str(arg) for arg in args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        **kwargs,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = Path(tempfile.mkdtemp(prefix="ops-backup-", dir=ports.TMP))
    port = port_in_range()
    etc = load_make_instance().make("site", port=port, host="127.0.0.1", base=folder)
    process = None
    try:
        install_demo_site(folder / "site", 5, tmp_path_factory)
        with open(folder / "runwsgi.log", "wb") as log:
            process = subprocess.Popen(
                [str(BIN / "runwsgi"), str(etc / "zope.ini")],
                cwd=folder,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}/sirhp"
        wait_for_site(url, process, timeout=120)
        yield folder, url
    finally:
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        shutil.rmtree(folder, ignore_errors=True)


def post_file(session, url, unit, number):
    matricule = f"{700000 + number}B"
    payload = {
        "@type": "PersonnelFile",
        "matricule": matricule,
        "nina": f"BKP{number:012d}",
        "last_name": "Traoré",
        "first_names": "Awa",
        "sex": "F",
        "birth_date": "1990-05-04",
        "birth_place": "Ségou",
        "marital_status": "single",
        "children_count": 0,
        "corps": "officiers",
        "grade": "officier-1",
        "grade_date": "2019-01-01",
        "hire_date": "2012-09-01",
        "status": "active",
        "unit": unit,
        "position": "Enquêtrice",
    }
    response = session.post(url + "/police-nationale", json=payload, timeout=30)
    assert response.status_code == 201, response.text
    return matricule


def restored_matricules(data):
    db = DB(FileStorage(str(data / "filestorage" / "Data.fs"), read_only=True))
    try:
        portal = db.open().root()["Application"]["sirhp"]
        brains = portal.portal_catalog.unrestrictedSearchResults(
            portal_type="PersonnelFile"
        )
        return {brain.getPath().rsplit("/", 1)[1] for brain in brains}
    finally:
        db.close()


def test_backup_during_writes_restores_and_verifies(server):
    folder, url = server
    with requests.Session() as session:
        session.auth = AUTH
        session.headers.update(JSON)
        units = session.get(
            url + "/@search",
            params={
                "portal_type": "Unit",
                "path.query": "/sirhp/police-nationale",
                "metadata_fields": "UID",
            },
            timeout=30,
        ).json()["items"]
        unit = units[-1]["UID"]
        acknowledged = {post_file(session, url, unit, n) for n in range(3)}

        backup = folder / "backups" / "first"
        process = subprocess.Popen(
            [
                sys.executable,
                str(SCRIPTS / "backup.py"),
                "backup",
                "--instance",
                str(folder / "site"),
                "--dest",
                str(backup),
                "--repository",
                str(folder / "backups" / "repozo"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        writes, number = 0, 100
        while process.poll() is None or writes == 0:
            post_file(session, url, unit, number)
            response = session.patch(
                url + "/police-nationale",
                json={"title": f"Police nationale {number}"},
                timeout=30,
            )
            assert response.status_code == 204, response.text
            writes, number = writes + 1, number + 1
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, out + err

    summary = json.loads((backup / "manifest.json").read_text())
    assert summary["blobs"] > 0 and summary["journal_events"] > 0

    target = folder / "restored"
    result = run(
        sys.executable, SCRIPTS / "backup.py", "restore", backup, "--target", target
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert acknowledged <= restored_matricules(target)

    manifest = dict(
        reversed(line.split("  ", 1))
        for line in (backup / "MANIFEST.sha256").read_text().splitlines()
    )
    blobs = sorted(
        p.relative_to(target).as_posix()
        for p in (target / "blobstorage").rglob("*.blob")
    )
    assert len(blobs) == summary["blobs"]
    for name in blobs:
        assert (
            hashlib.sha256((target / name).read_bytes()).hexdigest() == manifest[name]
        )

    assert Journal(str(target / "audit" / "journal.sqlite")).verify().ok

    # a second restore into the same folder is refused, in French
    again = run(
        sys.executable, SCRIPTS / "backup.py", "restore", backup, "--target", target
    )
    assert again.returncode == 1
    assert "Restauration refusée" in again.stderr

    result = run(sys.executable, SCRIPTS / "backup.py", "verify", backup)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Sauvegarde vérifiée / backup verified: OK" in result.stdout

    broken = folder / "backups" / "broken"
    shutil.copytree(backup, broken)  # real copies: the hard links stay intact
    victim = broken / blobs[0]
    victim.chmod(0o600)
    victim.write_bytes(b"corrupted")
    result = run(sys.executable, SCRIPTS / "backup.py", "verify", broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert blobs[0] in result.stderr
