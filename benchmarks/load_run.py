"""The load run: Locust against 1, then 2 Zope clients behind the same nginx.

Usage (``make load USERS=50 DURATION=10m``)::

    .venv/bin/python benchmarks/load_run.py --users 50 --duration 10m
        [--count 200] [--spawn-rate 5] [--think-scale 1] [--ports 19800-19899]
        [--workdir var/load] [--fresh]

Everything runs on 127.0.0.1 and lives in ``--workdir``: a demo site
(``create_site.py --demo --count N`` through a ZEO server, then
``load_setup.py``; kept as a snapshot, reused by the next run unless
``--fresh``: use it after a change the site must be built with), Locust in its own virtualenv ``var/locust-venv``
(``requirements-bench.txt``, pins of ``constraints.txt``; why not in .venv:
see requirements-bench.txt), and nginx rendered from
``deploy/nginx/sirhp.conf.template`` with a self-signed certificate made
here (``load_processes.py``). Each round starts from the same snapshot: the ZEO server, its Zope
clients and the text worker under ``scripts/supervise.py``; nginx's
upstream is rendered for the round's clients and reloaded (one nginx
process for both rounds); the clients are warmed; Locust runs headless
(``benchmarks/locustfile.py``); the text worker is given time to empty its
queue; everything of the round stops. Then the Markdown table (requests,
errors, p50/p95 per request type, throughput, ratio 2 clients / 1 client)
is written to ``<workdir>/report.md`` with the command, and printed.
Exit status 1 when a request failed or the ratio misses 1.6.
"""

import argparse
from base64 import b64encode
import json
from load_processes import ADMIN
from load_processes import count_lines
from load_processes import ensure_locust
from load_processes import make_instance
from load_processes import nginx_conf
from load_processes import stop
from load_processes import supervise
from load_processes import wait_for
from load_processes import wait_for_port
from load_report import markdown
from load_report import read_stats
import os
from pathlib import Path
import platform
import requests
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib3

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.documents: the scanned stack
BIN = Path(sys.executable).parent
SITE = "sirhp"
PASSWORD = os.environ.get("SIRHP_DEMO_PASSWORD", "sirhp-demo-2026")
DATA_PARTS = ("filestorage", "blobstorage", "audit")  # what a round starts from
TARGET_RATIO = 1.6

from sirhp.policy.setuphandlers.pdf import tiny_pdf  # noqa: E402
from tests.documents import stacks  # noqa: E402
from tests.system.ports import free_ports  # noqa: E402

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)


class Run:
    """The processes of the run and their folders; ``stop_all`` ends them."""

    def __init__(self, args):
        self.args = args
        self.work = Path(args.workdir).resolve()
        self.logs = self.work / "logs"
        self.data = self.work / "zeo-data"
        self.pristine = self.work / f"pristine-{args.count}"
        self.logs.mkdir(parents=True, exist_ok=True)
        first, last = (int(p) for p in args.ports.split("-"))
        ports = free_ports(5, range(first, last + 1))
        self.zeo = f"127.0.0.1:{ports[0]}"
        self.clients = ports[1:3]
        self.http, self.https = ports[3:5]
        self.cluster = None
        self.nginx = None
        self.etc = [
            make_instance.make(
                f"client{n}",
                port=port,
                zeo=self.zeo,
                var=self.data,
                base=self.work / "instances",
            )
            for n, port in enumerate(self.clients, start=1)
        ]

    def python(self, *args, env=None, log=None, timeout=3600):
        with open(self.logs / log, "ab") as out:
            subprocess.run(
                [sys.executable, *map(str, args)],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=True,
                timeout=timeout,
            )

    # --- the site and its snapshot ------------------------------------------

    def site(self):
        """The demo site: restored from the snapshot, or created and saved."""
        if self.pristine.exists() and not self.args.fresh:
            print(f"site: snapshot {self.pristine}", flush=True)
            return json.loads((self.pristine / "plan.json").read_text())
        shutil.rmtree(self.pristine, ignore_errors=True)
        for part in DATA_PARTS:
            shutil.rmtree(self.data / part, ignore_errors=True)
            (self.data / part).mkdir(parents=True)
        print(f"site: creating the demo site ({self.args.count} files)", flush=True)
        started = time.monotonic()
        self.start_cluster(clients=0, logs=self.logs / "site", worker=False)
        conf = self.etc[0] / "zope.conf"
        env = dict(os.environ, SIRHP_ADMIN_PASSWORD=ADMIN[1])
        env.pop("SIRHP_DEMO_COUNT", None)
        zconsole = ("-m", "Zope2.utilities.zconsole", "run", conf)
        try:
            self.python(
                *zconsole,
                ROOT / "scripts" / "create_site.py",
                "--demo",
                "--count",
                self.args.count,
                env=env,
                log="create_site.log",
            )
            plan = self.work / "plan.json"
            self.python(
                *zconsole,
                ROOT / "benchmarks" / "load_setup.py",
                plan,
                env=env,
                log="create_site.log",
            )
        finally:
            self.stop_cluster()
        self.pristine.mkdir(parents=True)
        for part in DATA_PARTS:
            if (self.data / part).exists():
                shutil.copytree(self.data / part, self.pristine / part)
        shutil.copy(plan, self.pristine / "plan.json")
        print(f"site: ready in {time.monotonic() - started:.0f} s", flush=True)
        return json.loads(plan.read_text())

    def restore(self):
        for part in DATA_PARTS:
            shutil.rmtree(self.data / part, ignore_errors=True)
            if (self.pristine / part).exists():
                shutil.copytree(self.pristine / part, self.data / part)

    # --- processes ------------------------------------------------------------

    def start_cluster(self, clients, logs, worker=True):
        """ZEO, ``clients`` Zope clients and the text worker, supervised,
        their logs in ``logs``."""
        py = sys.executable
        programs = [f"zeo={py} {BIN / 'runzeo'} -C {self.etc[0] / 'zeo.conf'}"]
        for n in range(clients):
            programs.append(
                f"client{n + 1}={py} {BIN / 'runwsgi'} {self.etc[n] / 'zope.ini'}"
            )
        if worker:
            programs.append(
                f"text-worker={py} -m sirhp.content.documents.worker "
                f"--url http://127.0.0.1:{self.clients[0]}/{SITE}"
            )
        args = [
            sys.executable,
            ROOT / "scripts" / "supervise.py",
            "--log-dir",
            logs,
        ]
        for program in programs:
            args += ["--program", program]
        self.cluster = supervise.Program("supervise-run", [str(a) for a in args], logs)
        self.cluster.start()  # the environment of main(): the worker's account
        wait_for_port(int(self.zeo.rsplit(":", 1)[1]), self.cluster.process, 60)
        for port in self.clients[:clients]:
            wait_for(f"http://127.0.0.1:{port}/{SITE}", self.cluster.process, 300)

    def stop_cluster(self):
        stop(self.cluster, grace=60)
        self.cluster = None

    def start_nginx(self, clients):
        conf = nginx_conf(
            self.work / "nginx",
            self.logs,
            [f"127.0.0.1:{p}" for p in self.clients[:clients]],
            self.http,
            self.https,
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if self.nginx is None:
            command = [nginx, "-c", str(conf), "-p", str(conf.parent)]
            command += ["-g", "daemon off;"]  # in the foreground: ours to stop
            self.nginx = supervise.Program("nginx", command, self.logs)
            self.nginx.start()
        else:  # the same nginx, its new upstream (graceful reload)
            self.nginx.process.send_signal(signal.SIGHUP)
            time.sleep(2)
        wait_for(f"https://127.0.0.1:{self.https}/", self.nginx.process, 60, auth=ADMIN)

    def stop_all(self):
        self.stop_cluster()
        stop(self.nginx, grace=10)
        self.nginx = None

    # --- a round ---------------------------------------------------------------

    def round(self, clients, plan_path, locust):
        print(f"round: {clients} client(s)", flush=True)
        logs = self.logs / f"round-{clients}"
        shutil.rmtree(logs, ignore_errors=True)
        self.restore()
        self.start_cluster(clients, logs)
        self.start_nginx(clients)
        warm(self.clients[:clients], json.loads(plan_path.read_text()))
        prefix = self.work / f"round-{clients}"
        command = [
            locust, "-f", ROOT / "benchmarks" / "locustfile.py", "--headless",
            "--only-summary", "--host", f"https://127.0.0.1:{self.https}",
            "--users", self.args.users, "--spawn-rate", self.args.spawn_rate,
            "--run-time", self.args.duration, "--csv", prefix,
        ]  # fmt: skip
        env = dict(
            os.environ,
            SIRHP_LOAD_PLAN=str(plan_path),
            SIRHP_LOAD_THINK_SCALE=str(self.args.think_scale),
        )
        started = time.monotonic()
        with open(logs / "locust.log", "wb") as out:
            subprocess.run(
                [str(c) for c in command], cwd=ROOT, env=env, stdout=out,
                stderr=subprocess.STDOUT, check=False,
            )  # fmt: skip
        seconds = time.monotonic() - started
        left = drain_text_queue(self.clients[0])
        self.stop_cluster()
        stats = read_stats(prefix)
        stats.update(
            seconds=seconds,
            text_pending=left,
            ocr=count_lines(logs / "text-worker.log", ": ocr, "),
            restarts=count_lines(logs / "supervise.log", "exited with"),
            conflicts=sum(
                count_lines(logs / f"client{n}.log", "ConflictError")
                for n in range(1, clients + 1)
            ),
        )
        return stats


def warm(ports, plan, rounds=3):
    """Each client once through every page of the run (caches, templates)."""
    agency, office = sorted(plan["agencies"].items())[0]
    asks = [
        ((plan["officers"][0], PASSWORD), "/@@mon-dossier", {}),
        ((plan["officers"][0], PASSWORD), "/@mon-dossier", {"Accept": "application/json"}),
        (None, plan["badges"][0], {}),
        ((office["clerk"], PASSWORD), office["files"][0], {"Accept": "application/json"}),
        ((office["reviewer"], PASSWORD), "/@search?review_state=pending", {"Accept": "application/json"}),
    ]  # fmt: skip
    for port in ports:
        for _ in range(rounds):
            for auth, path, headers in asks:
                url = f"http://127.0.0.1:{port}/{SITE}{path}"
                requests.get(url, auth=auth, headers=headers, timeout=120)


def drain_text_queue(port, seconds=300):
    """Wait until no document waits for its text: how many still do."""
    url = f"http://127.0.0.1:{port}/{SITE}/@search"
    params = {"portal_type": "ScannedDocument", "text_status": "pending"}
    deadline = time.monotonic() + seconds
    while True:
        found = requests.get(
            url,
            params=params,
            auth=ADMIN,
            headers={"Accept": "application/json"},
            timeout=60,
        ).json()["items_total"]
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(5)


def complete_plan(plan, path):
    """The accounts' password and the files the users upload."""
    office = plan["agencies"]["police-nationale"]
    parts = [("cover", m, "diplome") for m in office["matricules"][:2]]
    stack = stacks.stack_pdf(
        [parts[0], ("page", "Diplôme, page 1"), parts[1], ("page", "Diplôme, page 1")]
    )
    plan.update(
        password=PASSWORD,
        pdf=b64encode(tiny_pdf(["Pièce versée au dossier (charge)"])).decode(),
        batch={
            "agency": "police-nationale",
            "parts": 2,
            "data": b64encode(stack).decode(),
        },
    )
    path.write_text(json.dumps(plan))
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--duration", default="10m", help="Locust --run-time")
    parser.add_argument("--count", type=int, default=200, help="demo files")
    parser.add_argument("--think-scale", type=float, default=1.0)
    parser.add_argument("--ports", default="19800-19899")
    parser.add_argument("--workdir", default=str(ROOT / "var" / "load"))
    parser.add_argument("--fresh", action="store_true", help="create the site again")
    args = parser.parse_args(argv)
    command = shlex.join([".venv/bin/python", "benchmarks/load_run.py", *sys.argv[1:]])
    os.environ.setdefault("SIRHP_WORKER_PASSWORD", ADMIN[1])  # the text worker
    locust = ensure_locust()
    run = Run(args)
    rounds = {}
    try:
        plan = run.site()
        plan_path = complete_plan(plan, run.work / "plan-run.json")
        for clients in (1, 2):
            rounds[clients] = run.round(clients, plan_path, locust)
    finally:
        run.stop_all()
    report, ok = markdown(rounds, args, command, TARGET_RATIO)
    header = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores "
        f"({platform.machine()}), load average {os.getloadavg()[0]:.1f}.\n\n"
    )
    (run.work / "report.md").write_text(header + report)
    print(header + report)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
