"""Fault drills of the text worker and of a full disk, with a real Zope
(embedded FileStorage, ``runwsgi``) built by ``scripts/make_instance.py``.

1. ``kill -9`` of the text worker during an OCR: the document stays
   ``pending`` (not failed, no text half-stored), its lease keeps a second
   worker off until it expires (``SIRHP_TEXT_LEASE_SECONDS``, short here),
   then the second worker takes the job over and completes it. The killed
   worker's private folder (0700, ``sirhp-worker-*``) is its only leftover; a
   worker stopped normally leaves nothing.
2. Blob folder on a small tmpfs: uploads over REST until the disk is full;
   the failing upload answers a French 503, the documents stored are the
   acknowledged ones, no partial blob nor temp file in the blob folder, and
   no ``BUC*`` file of the failed upload left in the system temp dir
   (``test_no_temp_file_left_by_the_failed_upload``).
3. Data.fs folder on a small tmpfs, filled up: an edit answers a French 503,
   once space is freed edits succeed; acknowledged = stored. While full,
   every read (a file's JSON and page, a search, the home page, 5 rounds) is
   answered 200 (``test_reads_while_data_fs_full``).

Root only (``mount -t tmpfs``; skipped otherwise). Ports from 19500-19599,
folders /tmp/s6-drills-*; every process is ended and every tmpfs
unmounted (fixture teardown). Durations and counts printed (pytest -s).
"""

import contextlib
import os
from pathlib import Path
import pytest
import requests
import shutil
import signal
import subprocess
import sys
import tempfile
from tests.documents import files
from tests.documents.conftest import rest_body
from tests.system.ports import free_ports
from tests.system.test_fault_drills import kill9
from tests.system.test_zeo import AUTH
from tests.system.test_zeo import BIN
from tests.system.test_zeo import Cluster
from tests.system.test_zeo import JSON
from tests.system.test_zeo import load_make_instance
from tests.system.test_zeo import SCRIPTS
from tests.system.test_zeo import tail
from tests.system.test_zeo import wait_for_site
import time

pytestmark = [pytest.mark.system, pytest.mark.slow]

PORTS = range(19500, 19600)
LEASE = 12  # seconds: the killed worker's job is taken over within the test
DISK_FULL = "Le serveur ne peut pas écrire sur son disque"
MiB = 1024 * 1024


class Instance(Cluster):
    """One Zope (embedded storage), its workers, its tmpfs mounts."""

    env = None
    mounts = ()

    def start(self, name, *args):
        with open(self.logs / f"{name}.log", "ab") as log:
            process = subprocess.Popen(
                [str(arg) for arg in args],
                cwd=self.folder,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        process.name = name
        self.processes.append(process)
        return process

    def move_to_tmpfs(self, folder, spare):
        """Put ``folder`` on a tmpfs of its current size + ``spare`` bytes."""
        used = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        saved = folder.with_name(folder.name + ".disk")
        folder.rename(saved)
        folder.mkdir()
        size_kib = (used + spare) // 1024 + 64
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700"]
            + ["tmpfs", str(folder)],
            check=True,
        )
        self.mounts = (*self.mounts, folder)
        subprocess.run(["cp", "-a", f"{saved}/.", str(folder)], check=True)
        shutil.rmtree(saved)

    def unmount(self):
        for folder in reversed(self.mounts):
            subprocess.run(["umount", "-l", str(folder)], check=False)
        self.mounts = ()


def temp_files(folder):
    return {p for p in Path(folder).rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def instance():
    if os.geteuid() != 0:
        pytest.skip("mount -t tmpfs needs root")
    folder = Path(tempfile.mkdtemp(prefix="s6-drills-", dir="/tmp"))
    (port,) = free_ports(1, PORTS)
    etc = load_make_instance().make("client1", port=port, base=folder / "instances")
    home = etc.parent
    drill = Instance(folder)
    drill.url = f"http://127.0.0.1:{port}/sirhp"
    drill.home = home
    drill.tmp = folder / "tmp"  # the system temp dir of every process here
    drill.tmp.mkdir()
    drill.env = dict(
        os.environ,
        SIRHP_ADMIN_PASSWORD=AUTH[1],
        SIRHP_TEXT_LEASE_SECONDS=str(LEASE),
        TMPDIR=str(drill.tmp),
    )
    drill.env.pop("SIRHP_DEMO_COUNT", None)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "Zope2.utilities.zconsole", "run"]
            + [str(etc / "zope.conf"), str(SCRIPTS / "create_site.py")]
            + ["--demo", "--count", "2"],
            cwd=folder,
            env=drill.env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        drill.move_to_tmpfs(home / "blobstorage", 2 * MiB)
        drill.move_to_tmpfs(home / "filestorage", 4 * MiB)
        # through this interpreter: the script's shebang may name another venv
        drill.client = drill.start(
            "client1", sys.executable, BIN / "runwsgi", etc / "zope.ini"
        )
        wait_for_site(drill.url, drill.client, timeout=120)
        drill.file = first_file(drill)
        yield drill
    except BaseException:
        for name in ("client1", "worker1", "worker2"):
            print(f"--- {name}.log\n{tail(drill.logs / f'{name}.log')}")
        raise
    finally:
        drill.stop()
        drill.unmount()
        drill.report()
        shutil.rmtree(folder, ignore_errors=True)


def session():
    result = requests.Session()
    result.auth = AUTH
    result.headers.update(JSON)
    return result


def first_file(drill):
    with session() as http:
        items = http.get(
            drill.url + "/@search",
            params={"portal_type": "PersonnelFile", "sort_on": "getId"},
            timeout=30,
        ).json()["items"]
    assert items
    return items[0]["@id"]


def documents(drill):
    with session() as http:
        return http.get(
            drill.url + "/@search",
            params={
                "portal_type": "ScannedDocument",
                "b_size": 1000,
                "metadata_fields": ["text_status", "UID"],
            },
            timeout=30,
        ).json()["items"]


def upload(http, drill, data, filename):
    return http.post(drill.file, json=rest_body(data, filename=filename), timeout=120)


# --- 1. kill -9 of the text worker -------------------------------------------


def start_worker(drill, name, *options):
    return drill.start(
        name,
        sys.executable,
        "-m",
        "sirhp.content.documents.worker",
        "--url",
        drill.url,
        "--poll",
        "1",
        *options,
    )


def worker_folders(drill):
    return sorted(drill.tmp.glob("sirhp-worker-*"))


def status_of(drill, uid):
    """The document's text status (catalog index ``text_status``)."""
    with session() as http:
        for status in ("pending", "done", "failed"):
            found = http.get(
                drill.url + "/@search",
                params={"UID": uid, "text_status": status},
                timeout=30,
            ).json()["items_total"]
            if found:
                return status
    return None


def text_found(drill, uid):
    """Is the OCR text of ``files.SCAN_TEXT`` searchable on the document?"""
    word = "Certificat"  # files.SCAN_TEXT, read well by tesseract
    with session() as http:
        return http.get(
            drill.url + "/@search",
            params={"UID": uid, "SearchableText": word},
            timeout=30,
        ).json()["items_total"]


def diagnose(drill):
    with session() as http:
        probe = http.post(
            drill.url + "/@text-queue", json={"worker": "probe", "limit": 1}
        ).text
    logs = "\n".join(
        f"--- {name}\n{tail(drill.logs / f'{name}.log')}"
        for name in ("worker1", "worker2", "client1")
    )
    return f"probe: {probe}\n{logs}"


def test_kill_worker_during_ocr(instance):
    drill = instance
    started = time.monotonic()
    # the demo documents' queue emptied by a normal run, which leaves nothing
    assert start_worker(drill, "worker0", "--once").wait(timeout=60) == 0
    assert not worker_folders(drill)
    with session() as http:
        response = upload(http, drill, files.scan_pdf(pages=2), "scan.pdf")
    assert response.status_code == 201, response.text
    document = response.json()["UID"]
    assert status_of(drill, document) == "pending"
    worker1 = start_worker(drill, "worker1")
    # the worker copies the PDF into its private folder, then runs the OCR
    deadline = time.monotonic() + 60
    while not any(temp_files(f) for f in worker_folders(drill)):
        assert time.monotonic() < deadline, tail(drill.logs / "worker1.log")
        time.sleep(0.1)
    time.sleep(1)  # inside tesseract
    kill9(worker1)
    killed = time.monotonic()
    drill.timed("drill 1: upload -> kill -9 of the worker", started)
    (left,) = worker_folders(drill)
    assert left.stat().st_mode & 0o777 == 0o700
    assert status_of(drill, document) == "pending"  # not failed
    assert not text_found(drill, document)  # no text half-stored
    worker2 = start_worker(drill, "worker2")
    # the lease of the killed worker keeps the second one off
    while time.monotonic() < killed + LEASE - 8:
        assert status_of(drill, document) == "pending"
        time.sleep(1)
    deadline = killed + LEASE + 60
    while (status := status_of(drill, document)) == "pending":
        assert time.monotonic() < deadline, diagnose(drill)
        time.sleep(1)
    took_over = time.monotonic() - killed
    assert status == "done", status
    assert text_found(drill, document)
    assert took_over >= LEASE - 8, took_over
    drill.timed("drill 1: kill -9 -> job completed by worker 2", killed)
    folders = worker_folders(drill)
    assert left in folders and len(folders) == 2
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker2.pid, signal.SIGTERM)
    worker2.wait(timeout=30)
    assert worker_folders(drill) == [left]  # worker 2 removed its own
    shutil.rmtree(left)
    drill.timed("drill 1: whole", started)
    print(
        f"\ndrill 1: job taken over {took_over:.1f} s after the kill "
        f"(lease {LEASE} s), status {status}, 1 leftover folder (killed worker)"
    )


# --- 2. full blob disk -----------------------------------------------------


def test_full_blob_disk(instance):
    drill = instance
    started = time.monotonic()
    blobs = drill.home / "blobstorage"
    before_docs = {d["UID"] for d in documents(drill)}
    before_blobs = temp_files(blobs)
    before_tmp = temp_files(drill.tmp)
    acknowledged, refused = [], []
    with session() as http:
        for number in range(40):
            response = upload(
                http, drill, files.sized_pdf(300 * 1024), f"piece-{number}.pdf"
            )
            if response.status_code == 201:
                acknowledged.append(response.json()["UID"])
                continue
            refused.append(response)
            break
    assert refused, "the 2 MB tmpfs never filled up"
    response = refused[0]
    assert response.status_code == 503, response.text
    assert DISK_FULL in response.json()["message"], response.text
    assert response.headers.get("Retry-After")
    drill.timed("drill 2: uploads until the blob disk is full", started)
    stored = {d["UID"] for d in documents(drill)} - before_docs
    assert stored == set(acknowledged)
    # every new blob file is a stored document's: no orphan, no partial copy
    new_blobs = temp_files(blobs) - before_blobs
    in_tmp = [p for p in new_blobs if p.relative_to(blobs).parts[0] == "tmp"]
    assert not in_tmp, in_tmp
    per_upload = len(new_blobs) / max(len(acknowledged), 1)
    assert new_blobs and per_upload == int(per_upload), (new_blobs, acknowledged)
    # checked by test_no_temp_file_left_by_the_failed_upload
    drill.temp_orphans = temp_files(drill.tmp) - before_tmp
    with session() as http:
        assert http.get(drill.file, timeout=30).status_code == 200
    drill.timed("drill 2: whole", started)
    print(
        f"\ndrill 2: {len(acknowledged)} uploads acknowledged, {len(stored)} stored, "
        f"1 French 503, {len(new_blobs)} new blob files, none in blobstorage/tmp, "
        f"{len(drill.temp_orphans)} file(s) left in the temp dir"
    )


def test_no_temp_file_left_by_the_failed_upload(instance):
    # the upload's BUC* file, written in the temp dir before its copy to the
    # full blob disk failed: removed (sirhp.policy.hardening.blob_leftovers)
    orphans = getattr(instance, "temp_orphans", None)
    assert orphans is not None, "test_full_blob_disk did not run"
    assert not orphans, orphans


# --- 3. full Data.fs disk ----------------------------------------------------

READS = 5  # rounds of reads while Data.fs is full


def read_all(http, drill):
    """A file's JSON and page, a search, the home page: their statuses."""
    page = {"Accept": "text/html"}
    return [
        http.get(drill.file, timeout=30).status_code,
        http.get(drill.file, headers=page, timeout=30).status_code,
        http.get(drill.url + "/@search", timeout=30).status_code,
        http.get(drill.url, headers=page, timeout=30).status_code,
    ]


def test_full_filestorage_disk(instance):
    drill = instance
    started = time.monotonic()
    folder = drill.home / "filestorage"
    free = shutil.disk_usage(folder).free
    ballast = folder / "ballast"
    with open(ballast, "wb") as out:
        with contextlib.suppress(OSError):
            out.write(b"\0" * max(free - 96 * 1024, 0))
    acknowledged, refused = [], []
    with session() as http:
        for number in range(200):
            position = f"Poste {number}"
            response = http.patch(drill.file, json={"position": position}, timeout=60)
            if response.status_code == 204:
                acknowledged.append(position)
                continue
            refused.append(response)
            break
        assert refused, "the Data.fs tmpfs never filled up"
        response = refused[0]
        assert response.status_code == 503, response.text
        assert DISK_FULL in response.json()["message"], response.text
        drill.timed("drill 3: edits until Data.fs is full", started)
        # not a byte left: a small write (a read's image-scale information)
        # fails too, not only an edit's
        with open(folder / "ballast2", "wb") as out:
            with contextlib.suppress(OSError):
                out.write(b"\0" * (shutil.disk_usage(folder).free + MiB))
        # reads while the disk is full: checked by test_reads_while_data_fs_full
        reading = time.monotonic()
        drill.full_reads = [
            status for _round in range(READS) for status in read_all(http, drill)
        ]
        drill.timed(f"drill 3: {len(drill.full_reads)} reads while full", reading)
        ballast.unlink()
        (folder / "ballast2").unlink()
        freed = time.monotonic()
        response = http.patch(drill.file, json={"position": "Après"}, timeout=60)
        assert response.status_code == 204, response.text
        assert http.get(drill.file, timeout=30).json()["position"] == "Après"
    drill.timed("drill 3: space freed -> an edit succeeds", freed)
    drill.timed("drill 3: whole", started)
    print(
        f"\ndrill 3: {len(acknowledged)} edits acknowledged before the disk was "
        f"full, 1 French 503, {drill.full_reads.count(200)}/{len(drill.full_reads)} "
        f"reads while full answered 200, "
        f"write after freeing space stored"
    )


def test_reads_while_data_fs_full(instance):
    # a read writes no portlet settings, its image-scale information is
    # dropped when the disk refuses it (sirhp.policy.hardening.read_caches)
    reads = getattr(instance, "full_reads", None)
    assert reads is not None, "test_full_filestorage_disk did not run"
    assert reads == [200] * READS * 4, reads
