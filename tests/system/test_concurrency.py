"""Twenty clerks at once on ZEO + two Zope clients: conflicts stay rare.

A ZEO server and two clients (real processes, ports free in 10700-10799,
folder /tmp/ops3-concurrency3-*), a demo site of 20 files per agency (built
once per test run and copied into the server's folder: sites.py); then
``benchmarks/concurrent_clerks.run()``: 20 threaded clerks spread over both
clients send REQUESTS requests (career acts, leave requests, scanned
documents, edits of their drafts) in FILES_PER_AGENCY files of their agency,
a clerk moving between files as in an archive office. Asserted: no 5xx but
the French 503 "Réessayez" of a conflict still there after Zope's retries,
every acknowledged write stored (read back as the administrator), and the
503 rate not above MAX_RETRY_RATE (measured; the test fails if it gets
worse). The figures are printed (pytest -s).
"""

from .ports import free_ports
from .ports import TMP
from .sites import AUTH
from .sites import install_demo_site
from .test_zeo import Cluster
from .test_zeo import load_make_instance
from .test_zeo import tail
from .test_zeo import wait_for_port
from .test_zeo import wait_for_site
import contextlib
import json
import os
from pathlib import Path
import pytest
import re
import requests
import subprocess
import sys
import tempfile
import time

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
# console scripts run by this interpreter (the code under test), whatever
# their shebang names
BIN = Path(sys.executable).parent
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
PORTS = range(10700, 10800)
CLERKS = 20
REQUESTS = 180
FILES_PER_AGENCY = 8
# Share of the requests answered 503 after Zope's retries, measured with
# this test: 10.6-18.3 % on a loaded 2-core machine once the relation catalog
# was guarded (the conflicts had moved to the SearchableText index, see
# conflicts_by_class), 10.0 % on an idle one; 3.3-3.9 % idle with full-text
# postings as trees (hardening/text_postings.py), the rest spread over the
# catalog's and intids' buckets; 0.0, 0.0 and 0.6 % (three runs) with a conflict
# retried 5 times instead of 3 (instance/zope.conf.in, hardening/retry.py),
# but 2.2-3.3 % with one core taken by other work (as in CI); there, 0.6 % with
# 2 request threads per client instead of 4 (scripts/make_instance.py), and
# 0.6, 0.0, 0.0 % once a record's name no longer takes the next free number
# (content/record_names.py). The bound leaves
# room for a loaded machine; it may only go down.
MAX_RETRY_RATE = 0.02
PROPAGATION = 10.0
CONFLICT = re.compile(r"[Cc]onflict.*?class ([\w.]+)")


def clerks_module():
    sys.path.insert(0, str(ROOT / "benchmarks"))  # concurrent_clerks imports common
    try:
        import concurrent_clerks  # noqa: PLC0415 - a script folder, not a package
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return concurrent_clerks


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = Path(tempfile.mkdtemp(prefix="ops3-concurrency3-", dir=TMP))
    make_instance = load_make_instance()
    zeo_port, port1, port2 = free_ports(3, PORTS)
    zeo_address = f"127.0.0.1:{zeo_port}"
    data = folder / "zeo-data"
    base = folder / "instances"
    etcs = [
        make_instance.make(
            name, port=port, host="127.0.0.1", zeo=zeo_address, var=data, base=base
        )
        for name, port in (("client1", port1), ("client2", port2))
    ]
    cluster = Cluster(folder)
    cluster.instances = base
    cluster.urls = [f"http://127.0.0.1:{port}/sirhp" for port in (port1, port2)]
    begin = time.monotonic()
    try:
        started = time.monotonic()
        install_demo_site(data, 20, tmp_path_factory)
        cluster.timed("demo site --count 20 (shared) copied", started)
        zeo = cluster.start(
            "runzeo", sys.executable, BIN / "runzeo", "-C", etcs[0] / "zeo.conf"
        )
        wait_for_port(zeo_port, zeo, timeout=30)
        started = time.monotonic()
        clients = [
            cluster.start(
                f"client{n}", sys.executable, BIN / "runwsgi", etc / "zope.ini"
            )
            for n, etc in enumerate(etcs, 1)
        ]
        for url, client in zip(cluster.urls, clients, strict=True):
            wait_for_site(url, client, timeout=120)
        cluster.timed("both clients serving", started)
        yield cluster
    except BaseException:
        for name in ("runzeo", "client1", "client2"):
            print(f"--- {name}.log\n{tail(cluster.logs / f'{name}.log')}")
        raise
    finally:
        cluster.stop()
        cluster.timed("whole fixture", begin)
        cluster.report()
        if not os.environ.get("SIRHP_KEEP_TMP"):  # kept: to read the database
            with contextlib.suppress(OSError):
                subprocess.run(["rm", "-rf", str(folder)], check=False)


def _expected(written):
    """The last acknowledged fields of every written object (one clerk writes
    each of its drafts, in order)."""
    expected = {}
    for _login, url, fields in written:
        expected.setdefault(url, {}).update(fields)
    return expected


def conflicts_by_class(cluster, instances):
    """How many conflicts each persistent class had, from the clients' logs
    (ZPublisher logs every retried one, the retry view the last ones)."""
    found = {}
    paths = [*cluster.logs.glob("client*.log"), *instances.glob("*/var/log/*.log")]
    for path in paths:
        for line in path.read_text(errors="replace").splitlines():
            match = CONFLICT.search(line)
            if match:
                found[match.group(1)] = found.get(match.group(1), 0) + 1
    return dict(sorted(found.items(), key=lambda item: -item[1]))


def _retry_later(text):
    """Whether ``text`` is SIRHP's French 503 "Réessayez" (JSON, REST)."""
    try:
        return "Réessayez" in json.loads(text)["message"]
    except (ValueError, KeyError, TypeError):
        return False


def _stored(session, url, fields):
    deadline = time.monotonic() + PROPAGATION
    while True:
        response = session.get(url, timeout=60)
        body = response.json() if response.status_code == 200 else None
        if body is not None and all(
            body.get(key) == value for key, value in fields.items()
        ):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)


def test_twenty_clerks_at_once(cluster):
    clerks = clerks_module()
    started = time.monotonic()
    recorder = clerks.run(
        cluster.urls,
        clerks=CLERKS,
        requests_total=REQUESTS,
        files_per_agency=FILES_PER_AGENCY,
    )
    cluster.timed(f"{REQUESTS} requests, {CLERKS} clerks", started)
    report = recorder.report()
    total = report["total"]["count"]
    retries = sum(
        item["errors"].get("503", 0) for kind, item in report.items() if kind != "total"
    )
    rate = retries / total if total else 0
    print(f"\nconcurrent clerks: {report}\n503 rate: {retries}/{total} = {rate:.1%}")
    print(f"conflicts by class: {conflicts_by_class(cluster, cluster.instances)}")

    assert total == REQUESTS
    unexpected = [
        (kind, status, text[:300])
        for kind, status, text in recorder.bodies
        if not (status == 503 and _retry_later(text))
    ]
    assert unexpected == []
    with requests.Session() as session:
        session.auth = AUTH
        session.headers.update(JSON)
        missing = [
            url
            for url, fields in _expected(recorder.written).items()
            if not _stored(session, url, fields)
        ]
    assert missing == []
    assert len(recorder.written) == total - retries
    assert rate <= MAX_RETRY_RATE, f"503 rate {rate:.1%} > {MAX_RETRY_RATE:.1%}"
