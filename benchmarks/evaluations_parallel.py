"""Opening a campaign of the bench site by parts, on ZEO + two Zope
clients: one part at a time through one client (the baseline), then two at
a time over both clients (``scripts/open_campaign.py``), in the same run.

The bench site is not changed: its Data.fs is copied into a temporary
folder (blobs hard-linked: ZEO never rewrites a stored blob) served by a
ZEO server on free ports; two campaigns of the Police nationale (years
2031 and 2032, which the site has none of) are created there, one opened
each way, commit included (each part is one request, one transaction).

Usage: python benchmarks/evaluations_parallel.py [--bench var/bench]
       [--chunk-size 500] [--output OUT.json]
"""

import argparse
import contextlib
import importlib.util
import json
import os
from pathlib import Path
import requests
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = os.environ.get("SIRHP_DEMO_PASSWORD", "sirhp-demo-2026")
CAMPAIGNS = """
from datetime import date
from plone import api
from sirhp.content.evaluation import api as evaluation_api
from zope.component.hooks import setSite
import transaction
site = app["sirhp"]
setSite(site)
with api.env.adopt_user(username="hrmanager.pn"):
    for year in (2031, 2032):
        campaign = evaluation_api.create_campaign(
            agency=site["police-nationale"], year=year,
            grid={"discipline": 30, "efficacite": 40, "relations": 30},
            evaluation_deadline=date(year, 12, 15))
        print("CAMPAIGN", campaign.absolute_url_path())
transaction.commit()
"""


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait(url, process, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the process exited ({process.returncode})")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=5).status_code < 500:
                return
        time.sleep(0.5)
    raise SystemExit(f"{url}: no answer after {timeout} s")


def start(folder, name, *args):
    log = open(folder / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [str(arg) for arg in args],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(processes):
    for process in reversed(processes):
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    for process in reversed(processes):
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--chunk-size", type=int, default=500)
    parser.add_argument("--output")
    args = parser.parse_args(argv)
    bench = Path(args.bench).resolve()
    folder = Path(tempfile.mkdtemp(prefix="sirhp-bench-parallel-"))
    data = folder / "data"
    (data / "filestorage").mkdir(parents=True)
    for name in ("Data.fs", "Data.fs.index"):
        if (bench / "filestorage" / name).exists():
            shutil.copy(bench / "filestorage" / name, data / "filestorage" / name)
    subprocess.run(
        ["cp", "-al", str(bench / "blobstorage"), str(data / "blobstorage")], check=True
    )
    make_instance = load("make_instance", ROOT / "scripts" / "make_instance.py")
    opener = load("open_campaign", ROOT / "scripts" / "open_campaign.py")
    zeo_port, port1, port2 = free_port(), free_port(), free_port()
    zeo = f"127.0.0.1:{zeo_port}"
    etcs = [
        make_instance.make(n, port=p, zeo=zeo, var=data, base=folder / "instances")
        for n, p in (("client1", port1), ("client2", port2))
    ]
    processes = []
    try:
        processes.append(
            start(folder, "zeo", BIN / "runzeo", "-C", etcs[0] / "zeo.conf")
        )
        time.sleep(3)
        script = folder / "campaigns.py"
        script.write_text(CAMPAIGNS)
        made = subprocess.run(
            [sys.executable, "-m", "Zope2.utilities.zconsole", "run"]
            + [str(etcs[0] / "zope.conf"), str(script)],
            capture_output=True,
            text=True,
            check=True,
            cwd=folder,
        )
        paths = [
            line.split()[1]
            for line in made.stdout.splitlines()
            if line.startswith("CAMPAIGN")
        ]
        for etc in etcs:
            processes.append(
                start(folder, etc.parent.name, BIN / "runwsgi", etc / "zope.ini")
            )
        urls = [f"http://127.0.0.1:{port}" for port in (port1, port2)]
        for url, process in zip(urls, processes[1:], strict=True):
            wait(f"{url}/sirhp", process)
        auth = ("hrmanager.pn", PASSWORD)
        serial = opener.run(
            urls[0] + paths[0], auth=auth, parallel=1, chunk_size=args.chunk_size
        )
        parallel = opener.run(
            urls[0] + paths[1],
            clients=urls[1:],
            auth=auth,
            parallel=2,
            chunk_size=args.chunk_size,
        )
    finally:
        stop(processes)
        shutil.rmtree(folder, ignore_errors=True)
    result = {"serial": serial, "parallel": parallel}
    for run in result.values():
        run["ms_each"] = round(run["seconds"] / run["created"] * 1000, 2)
        run["per_20000_s"] = round(run["seconds"] / run["created"] * 20000, 1)
    result["speedup"] = round(serial["seconds"] / parallel["seconds"], 2)
    print(json.dumps(result, indent=2))
    if args.output:
        Path(args.output).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
