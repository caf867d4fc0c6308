"""RelStorage on PostgreSQL: moving a site to it, then two clients on it.

In /tmp/ops2-relstorage-* (never var/), on ports of 10300-10399:
scripts/postgres.py starts a PostgreSQL cluster; the run's demo site
(``--count 5``, built once per test run: sites.py) is copied into a
FileStorage instance; scripts/to_relstorage.py copies it
with zodbconvert and compares every object's pickle and transaction id, the
object count and every blob's SHA-256; two Zope clients rendered by
``make_instance.py --relstorage DSN`` serve the copy, a write on one is read
on the other, both ways. Every process is stopped in the fixture's finally
(PostgreSQL with pg_ctl stop). About 40-70 s.
"""

import importlib.util
import os
from pathlib import Path
import pytest
import re
import shutil
import sys
import tempfile
from tests.system.ports import free_ports
from tests.system.ports import TMP
from tests.system.sites import install_demo_site
from tests.system.sites import run
from tests.system.test_zeo import AUTH
from tests.system.test_zeo import Cluster
from tests.system.test_zeo import load_make_instance
from tests.system.test_zeo import open_by_parts_on_both_clients
from tests.system.test_zeo import patch_and_read_back
from tests.system.test_zeo import session  # noqa: F401 (fixture)
from tests.system.test_zeo import tail
from tests.system.test_zeo import wait_for_site
import time

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
BIN = Path(sys.executable).parent
PORTS = range(10300, 10400)


def load_script(name):
    spec = importlib.util.spec_from_file_location(
        f"sirhp_{name}", SCRIPTS / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def relstorage(tmp_path_factory):
    folder = Path(tempfile.mkdtemp(prefix="ops2-relstorage-", dir=TMP))
    folder.chmod(0o755)  # the postgres user enters it to reach its data folder
    postgres = load_script("postgres")
    make_instance = load_make_instance()
    pg_port, port1, port2 = free_ports(3, port_range=PORTS)
    pgdata = folder / "postgres"
    base = folder / "instances"
    env = dict(os.environ, SIRHP_ADMIN_PASSWORD=AUTH[1], TMPDIR=str(folder))
    env.pop("SIRHP_DEMO_COUNT", None)
    cluster = Cluster(folder)
    cluster.urls = (
        f"http://127.0.0.1:{port1}/sirhp",
        f"http://127.0.0.1:{port2}/sirhp",
    )
    begin = time.monotonic()
    try:
        started = time.monotonic()
        make_instance.make("source", port=port1, base=base)
        cluster.source = base / "source"
        install_demo_site(cluster.source, 5, tmp_path_factory)
        cluster.timed("demo site --count 5 (shared) copied to FileStorage", started)

        started = time.monotonic()
        cluster.dsn = postgres.start(pgdata, pg_port)
        cluster.timed("initdb + pg_ctl start + role/database", started)

        started = time.monotonic()
        cluster.converted = run(
            sys.executable,
            SCRIPTS / "to_relstorage.py",
            cluster.dsn,
            "--source",
            cluster.source,
            env=env,
        )
        cluster.timed("zodbconvert + comparison", started)

        started = time.monotonic()
        etcs = [
            make_instance.make(
                f"client{n}", port=port, base=base, relstorage=cluster.dsn
            )
            for n, port in ((1, port1), (2, port2))
        ]
        clients = [
            cluster.start(
                f"client{n}", sys.executable, BIN / "runwsgi", etc / "zope.ini"
            )
            for n, etc in enumerate(etcs, 1)
        ]
        for url, client in zip(cluster.urls, clients, strict=True):
            wait_for_site(url, client, timeout=120)
        cluster.timed("both RelStorage clients serving /sirhp", started)
        yield cluster
    except BaseException:
        for name in ("client1", "client2"):
            print(f"--- {name}.log\n{tail(cluster.logs / f'{name}.log')}")
        print(f"--- postgres.log\n{tail(pgdata / 'postgres.log')}")
        raise
    finally:
        cluster.stop()
        postgres.stop(pgdata)
        cluster.timed("whole fixture", begin)
        cluster.report()
        shutil.rmtree(folder, ignore_errors=True)


def test_zope_conf_is_history_free_with_blobs_in_the_database(relstorage):
    conf = (relstorage.source.parent / "client1" / "etc" / "zope.conf").read_text()
    assert "%import relstorage" in conf
    assert "keep-history false" in conf
    assert "shared-blob-dir false" in conf
    assert f"dsn {relstorage.dsn}" in conf
    # the DSN holds the password: the file is its owner's only
    mode = (relstorage.source.parent / "client1" / "etc" / "zope.conf").stat()
    assert mode.st_mode & 0o077 == 0
    ini = (relstorage.source.parent / "client1" / "etc" / "zope.ini").read_text()
    assert "127.0.0.1" in ini


def test_copy_is_identical_objects_and_blobs(relstorage):
    # compared by the script right after the copy, before any client started
    # (a starting Zope client writes: the copy then moves on)
    found = re.search(
        r"RelStorage copy identical to .*: (\d+) objects, (\d+) blobs \(sha256\)",
        relstorage.converted,
    )
    assert found, relstorage.converted
    objects, blobs = map(int, found.groups())
    assert objects > 1000
    assert blobs > 0  # photos / scans of the demo files


def test_clients_share_the_database(relstorage, session):  # noqa: F811
    files = [
        session.get(
            url + "/@search", params={"portal_type": "PersonnelFile"}, timeout=30
        ).json()["items_total"]
        for url in relstorage.urls
    ]
    assert files[0] == files[1] > 0


def test_patch_on_client1_read_on_client2(relstorage, session):  # noqa: F811
    patch_and_read_back(relstorage, session, writer=0, reader=1)


def test_patch_on_client2_read_on_client1(relstorage, session):  # noqa: F811
    patch_and_read_back(relstorage, session, writer=1, reader=0)


def test_comparison_sees_a_difference(relstorage, session):  # noqa: F811
    """Once a client wrote, the copy differs from the FileStorage: the
    comparison that passed after the conversion is not blind."""
    patch_and_read_back(relstorage, session, writer=0, reader=1)
    verify = load_script("to_relstorage").verify
    with pytest.raises(AssertionError):
        verify(relstorage.source, relstorage.dsn)


def test_campaign_opened_by_parts_on_both_clients(relstorage, session):  # noqa: F811
    """The opening's prefetch answered by RelStorage (one query per batch
    of files): one evaluation per officer, found through either client."""
    open_by_parts_on_both_clients(relstorage, session)
