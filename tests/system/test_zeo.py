"""ZEO: one server, two Zope clients, real processes, one database.

In a temporary folder (never var/): scripts/make_instance.py renders the ZEO
server config and two ZEO-client instances on free ports; the run's demo site
(``create_site.py --demo --count 5``, built once per test run: sites.py) is
copied into the server's data folder, runzeo serves it, both clients serve
with runwsgi; a write over HTTP on one client must be read back on the
other, both ways. The processes are always ended (fixture teardown). About
20-40 s; timings printed (pytest -s shows them).
"""

import contextlib
import os
from pathlib import Path
import pytest
import requests
import signal
from sirhp.policy.setuphandlers.environment import DEFAULT_DEMO_PASSWORD
import socket
import subprocess
import sys
from tests.scripts import load_script
from tests.system.ports import any_free_ports
from tests.system.sites import AUTH
from tests.system.sites import install_demo_site
from tests.system.sites import load_make_instance  # noqa: F401 (other modules)
import time

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
BIN = Path(sys.executable).parent
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
# A change committed on one client reaches the other through the ZEO
# server's invalidations, asynchronously: read back for at most this long.
PROPAGATION = 10.0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


def wait_for_site(url, process, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"runwsgi exited with {process.returncode}")
        try:
            if requests.get(url, auth=AUTH, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer 200 after {timeout} s")


def tail(path, lines=30):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class Cluster:
    """The ZEO server and both clients; ``stop()`` ends every process."""

    def __init__(self, folder):
        self.folder = folder
        self.logs = folder / "logs"
        self.logs.mkdir()
        self.processes = []
        self.timings = {}

    def start(self, name, *args):
        with open(self.logs / f"{name}.log", "wb") as log:
            process = subprocess.Popen(
                [str(arg) for arg in args],
                cwd=self.folder,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, ended whole
            )
        process.name = name
        self.processes.append(process)
        return process

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in reversed(self.processes):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        self.processes = []

    def timed(self, label, started):
        self.timings[label] = time.monotonic() - started

    def report(self):
        print("\nZEO system test timings:")
        for label, seconds in self.timings.items():
            print(f"  {label:<42} {seconds:6.1f} s")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zeo")
    make_instance = load_make_instance()
    zeo_port, port1, port2 = any_free_ports(3)
    zeo_address = f"127.0.0.1:{zeo_port}"
    data = folder / "zeo-data"  # the database and the shared blob folder
    base = folder / "instances"
    etc1 = make_instance.make(
        "client1", port=port1, host="127.0.0.1", zeo=zeo_address, var=data, base=base
    )
    etc2 = make_instance.make(
        "client2", port=port2, host="127.0.0.1", zeo=zeo_address, var=data, base=base
    )
    assert str(ROOT / "var") not in (etc1 / "zope.conf").read_text()

    cluster = Cluster(folder)
    cluster.urls = (
        f"http://127.0.0.1:{port1}/sirhp",
        f"http://127.0.0.1:{port2}/sirhp",
    )
    begin = time.monotonic()
    try:
        started = time.monotonic()
        install_demo_site(data, 5, tmp_path_factory)
        cluster.timed("demo site --count 5 (shared) copied", started)

        started = time.monotonic()
        zeo = cluster.start("runzeo", BIN / "runzeo", "-C", etc1 / "zeo.conf")
        wait_for_port(zeo_port, zeo, timeout=30)
        cluster.timed("runzeo listening", started)

        started = time.monotonic()
        client1 = cluster.start("client1", BIN / "runwsgi", etc1 / "zope.ini")
        client2 = cluster.start("client2", BIN / "runwsgi", etc2 / "zope.ini")
        wait_for_site(cluster.urls[0], client1, timeout=120)
        wait_for_site(cluster.urls[1], client2, timeout=120)
        cluster.timed("both runwsgi clients serving /sirhp", started)
        cluster.timed("cluster ready (total)", begin)
        yield cluster
    except BaseException:
        for name in ("runzeo", "client1", "client2"):
            print(f"--- {name}.log\n{tail(cluster.logs / f'{name}.log')}")
        print(f"--- zeo.log\n{tail(data / 'log' / 'zeo.log')}")
        raise
    finally:
        started = time.monotonic()
        cluster.stop()
        cluster.timed("processes stopped", started)
        cluster.timed("whole fixture", begin)
        cluster.report()


@pytest.fixture
def session():
    with requests.Session() as session:
        session.auth = AUTH
        session.headers.update(JSON)
        yield session


def read_until(session, url, predicate):
    """GET ``url`` (JSON) until ``predicate(body)`` holds: the last body, the GETs."""
    started = time.monotonic()
    reads = 0
    while True:
        response = session.get(url, timeout=30)
        reads += 1
        assert response.status_code == 200, response.text
        body = response.json()
        if predicate(body) or time.monotonic() - started > PROPAGATION:
            return body, reads
        time.sleep(0.1)


def patch_and_read_back(cluster, session, writer, reader):
    path = "/police-nationale"  # an Agency: its title is a plain TextLine
    text = f"Police nationale (client {writer + 1}, {time.time():.6f})"
    started = time.monotonic()
    response = session.patch(
        cluster.urls[writer] + path, json={"title": text}, timeout=30
    )
    assert response.status_code == 204, response.text
    body, reads = read_until(
        session, cluster.urls[reader] + path, lambda body: body["title"] == text
    )
    assert body["title"] == text
    cluster.timed(f"PATCH client {writer + 1} -> GET client {reader + 1}", started)
    print(
        f"\n  client {reader + 1} read the change of client {writer + 1} "
        f"at GET number {reads}"
    )


def test_clients_share_one_database(cluster, session):
    for url in cluster.urls:
        response = session.get(url, timeout=30)
        assert response.status_code == 200, response.text
        assert response.json()["title"] == "SIRHP"
    files = [
        session.get(
            url + "/@search", params={"portal_type": "PersonnelFile"}, timeout=30
        ).json()["items_total"]
        for url in cluster.urls
    ]
    assert files[0] == files[1] > 0


def test_patch_on_client1_read_on_client2(cluster, session):
    patch_and_read_back(cluster, session, writer=0, reader=1)


def test_patch_on_client2_read_on_client1(cluster, session):
    patch_and_read_back(cluster, session, writer=1, reader=0)


def test_post_on_client1_read_on_client2(cluster, session):
    started = time.monotonic()
    units = session.get(
        cluster.urls[0] + "/@search",
        timeout=30,
        params={
            "portal_type": "Unit",
            "path.query": "/sirhp/police-nationale",
            "sort_on": "path",
            "metadata_fields": "UID",
        },
    ).json()["items"]
    assert units, "no unit under /sirhp/police-nationale"
    matricule = "654321Z"
    payload = {
        "@type": "PersonnelFile",
        "matricule": matricule,
        "nina": "ZEO123DEF456GHI",
        "last_name": "Coulibaly",
        "first_names": "Moussa",
        "sex": "M",
        "birth_date": "1988-03-02",
        "birth_place": "Kayes",
        "marital_status": "single",
        "children_count": 0,
        "corps": "officiers",
        "grade": "officier-1",
        "grade_date": "2019-01-01",
        "hire_date": "2010-09-01",
        "status": "active",
        "unit": units[-1]["UID"],
        "position": "Enquêteur",
    }
    response = session.post(
        cluster.urls[0] + "/police-nationale", json=payload, timeout=30
    )
    assert response.status_code == 201, response.text
    path = response.json()["@id"].split("/sirhp", 1)[1]
    reader = cluster.urls[1] + path
    response = session.get(reader, timeout=30)
    deadline = time.monotonic() + PROPAGATION
    while response.status_code == 404 and time.monotonic() < deadline:
        time.sleep(0.1)
        response = session.get(reader, timeout=30)
    assert response.status_code == 200, response.text
    assert response.json()["matricule"] == matricule
    found = session.get(
        cluster.urls[1] + "/@search",
        timeout=30,
        params={"portal_type": "PersonnelFile", "matricule": matricule},
    )
    assert found.json()["items_total"] == 1, found.text
    cluster.timed("POST PersonnelFile client 1 -> GET client 2", started)


def test_campaign_opened_by_parts_on_both_clients(cluster, session):
    """A campaign opened by parts spread over both clients
    (``scripts/open_campaign.py``): each part asks the ZEO server for its
    files in a few requests (``sirhp.content.base.prefetch``, a real
    ``ClientStorage.prefetch`` here); one evaluation per officer of the
    population, found the same through either client."""
    open_by_parts_on_both_clients(cluster, session)


def open_by_parts_on_both_clients(cluster, session):
    """Create a 2031 campaign of the Police nationale on the first client
    and open it by parts of one file, spread over both clients; each finds
    one evaluation per officer of the population."""
    started = time.monotonic()
    with requests.Session() as hr:
        hr.auth = ("hrmanager.pn", DEFAULT_DEMO_PASSWORD)
        hr.headers.update(JSON)
        response = hr.post(
            cluster.urls[0] + "/police-nationale",
            json={
                "@type": "EvaluationCampaign",
                "year": 2031,
                "grid": {"discipline": 100},
                "evaluation_deadline": "2031-12-15",
            },
            timeout=30,
        )
    assert response.status_code == 201, response.text
    campaign = response.json()
    summary = load_script("scripts/open_campaign.py", "open_campaign").run(
        campaign["@id"],
        clients=[cluster.urls[1]],
        auth=("hrmanager.pn", DEFAULT_DEMO_PASSWORD),
        parallel=2,
        chunk_size=1,
    )
    assert summary["created"] == summary["population"] == summary["parts"] >= 2
    name = f"evaluation-2031-{campaign['UID'][:8]}"
    for url in cluster.urls:
        found, _reads = read_until(
            session,
            url + f"/@search?portal_type=Evaluation&getId={name}",
            lambda body: body["items_total"] == summary["population"],
        )
        assert found["items_total"] == summary["population"], url
    cluster.timed("campaign opened by parts over both clients", started)
