"""scripts/start_zeo.sh under scripts/supervise.py, real processes.

ZEO, one Zope client and the text worker start under the supervisor (ports
from 9700-9799, data in /tmp/ops-deploy-*); the client is killed with
SIGKILL and must answer ``@@health`` again; then the supervisor itself is
killed with SIGKILL and none of its programs may survive it. Every process
is ended in the fixture's teardown, also on failure.
"""

import os
from pathlib import Path
import pytest
import re
import requests
import shutil
import signal
import subprocess
import sys
from tests.system.ports import free_ports
from tests.system.ports import temp_dir
import time

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
# the client is back within this many seconds of its death
RECOVERY = 45
FIRST_START = 180  # seconds


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for its (dead) parent is gone for our purpose
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def _pids(log):
    """name -> last pid, from the supervisor's log."""
    text = log.read_text() if log.exists() else ""
    return {
        name: int(pid) for name, pid in re.findall(r"(\S+) started \(pid (\d+)\)", text)
    }


def _wait_health(url, timeout, supervisor):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        assert supervisor.poll() is None, "supervisor exited"
        try:
            last = requests.get(url, timeout=5)
            if last.status_code == 200:
                return last
        except requests.RequestException as error:
            last = error
        time.sleep(0.5)
    raise TimeoutError(f"{url}: no 200 after {timeout} s ({last})")


@pytest.fixture
def stack():
    zeo_port, client_port = free_ports(2)
    base = temp_dir()
    env = dict(
        os.environ,
        PYTHON=sys.executable,
        ZEO_PORT=str(zeo_port),
        PORT1=str(client_port),
        PORT2="",
        SIRHP_VAR=base,
        SITE_ARGS="--demo --count 5 --no-accounts",
        SIRHP_HEALTH_WORKER="1",
    )
    env.pop("SIRHP_AUDIT_DB", None)
    supervisor = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "start_zeo.sh")],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    log = Path(base) / "zeo" / "log" / "supervise.log"
    try:
        yield {
            "supervisor": supervisor,
            "health": f"http://127.0.0.1:{client_port}/sirhp/@@health",
            "log": log,
        }
    finally:
        for pid in _pids(log).values():
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        try:
            os.killpg(supervisor.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        supervisor.wait()
        shutil.rmtree(base, ignore_errors=True)


def test_dead_client_restarted_and_nothing_outlives_the_supervisor(stack):
    supervisor = stack["supervisor"]
    # the first start: on a fresh clone the page templates are compiled
    # while the other test processes run (once 90 s were not enough)
    body = _wait_health(stack["health"], FIRST_START, supervisor).json()
    assert body["checks"]["worker"]["ok"] and body["checks"]["worker"]["configured"]
    pids = _pids(stack["log"])
    assert set(pids) == {"zeo-server", "client1", "text-worker"}

    os.kill(pids["client1"], signal.SIGKILL)
    started = time.monotonic()
    _wait_health(stack["health"], RECOVERY, supervisor)
    assert time.monotonic() - started < RECOVERY
    log = stack["log"].read_text()
    assert re.search(r"client1 \(pid \d+\) exited with -9 .* restart in", log)
    restarted = _pids(stack["log"])
    assert restarted["client1"] != pids["client1"]

    os.kill(supervisor.pid, signal.SIGKILL)
    supervisor.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(map(_alive, restarted.values())):
        time.sleep(0.3)
    assert not [name for name, pid in restarted.items() if _alive(pid)]
