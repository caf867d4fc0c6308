"""Cost of the audit journal on the file view, and twenty concurrent readers.

Usage: python benchmarks/bench_journal.py [--instance var/bench] [--port 8090]
       [--rounds 2] [--output benchmarks/results/journal.json]

Starts the bench instance (waitress, 4 threads) alternately *without* and
*with* the journal (``--rounds`` times each, pooled), and measures as
``clerk.pn`` the Classic UI file view and the REST GET of 50 sampled
validated files (``http_latency.measure``: one warm-up pass, 4 rounds).
"Without" is the same code with the journal's publication subscriber and
SQLite writes replaced by no-ops in the server process only (this script's
``--serve-without-journal`` mode): production code has no switch to turn
the journal off. Then 20 threads read one file at once; the script checks
that the ZODB did not move (no write, so no ConflictError possible), that
the journal got 20 lines and that its chain verifies.
"""

import argparse
from common import percentile
from common import sample_files
from common import timed_gets
from common import wait_for
from concurrent.futures import ThreadPoolExecutor
import json
import os
from pathlib import Path
import statistics
import subprocess
import sys
import time

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT / "benchmarks"))


def serve_without_journal(ini):
    """Server process: the journal's work replaced by no-ops, then runwsgi."""
    from sirhp.policy.audit import journal
    from sirhp.policy.audit import subscribers

    journal.Journal.append_many = lambda self, events: []
    subscribers.on_publication_success = lambda event: None
    subscribers.on_publication_failure = lambda event: None
    from Zope2.Startup.serve import main

    main(["runwsgi", ini])


def start_server(instance, journal_on):
    ini = str(instance / "etc" / "zope.ini")
    if journal_on:
        command = [str(BIN / "runwsgi"), ini]
    else:
        command = [str(BIN / "python"), __file__, "--serve-without-journal", ini]
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def concurrent_readers(base, url, password, audit_db, readers=20):
    import requests
    from sirhp.policy.audit.journal import Journal

    journal = Journal(audit_db)

    def read(_index):
        response = requests.get(url, auth=("clerk.pn", password), timeout=120)
        return response.status_code

    read(0)  # warm
    before_count = journal.count(action="view")
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=readers) as pool:
        statuses = list(pool.map(read, range(readers)))
    seconds = time.perf_counter() - start
    time.sleep(0.5)
    return {
        "readers": readers,
        "statuses": sorted(set(statuses)),
        "seconds": round(seconds, 2),
        "journal_lines": journal.count(action="view") - before_count,
        "chain_ok": journal.verify().ok,
        "conflict_errors_in_log": None,  # filled from event.log at the end
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instance", default="var/bench")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--output", default="benchmarks/results/journal.json")
    parser.add_argument("--serve-without-journal", metavar="INI")
    args = parser.parse_args()
    if args.serve_without_journal:
        return serve_without_journal(args.serve_without_journal)

    import requests

    instance = ROOT / args.instance
    base = f"http://127.0.0.1:{args.port}/sirhp"
    password = os.environ.get("SIRHP_DEMO_PASSWORD", "sirhp-demo-2026")
    audit_db = str(instance / "audit" / "journal.sqlite")
    event_log = instance / "log" / "event.log"
    log_start = event_log.stat().st_size if event_log.exists() else 0
    pooled = {False: {"view": [], "rest": []}, True: {"view": [], "rest": []}}
    urls = None
    concurrency = None
    for _round in range(args.rounds):
        for journal_on in (False, True):
            server = start_server(instance, journal_on)
            try:
                if not wait_for(base):
                    sys.exit("bench server did not start")
                clerk = requests.Session()
                clerk.auth = ("clerk.pn", password)
                urls = urls or sample_files(base, clerk)
                pooled[journal_on]["view"] += timed_gets(clerk, urls)[0]
                pooled[journal_on]["rest"] += timed_gets(
                    clerk, urls, {"Accept": "application/json"}
                )[0]
                if journal_on and concurrency is None:
                    concurrency = concurrent_readers(base, urls[0], password, audit_db)
            finally:
                server.terminate()
                server.wait(timeout=60)
    if event_log.exists():
        with open(event_log, errors="replace") as handle:
            handle.seek(log_start)
            concurrency["conflict_errors_in_log"] = handle.read().count("ConflictError")

    def summary(values):
        return {
            "n": len(values),
            "p50": round(statistics.median(values), 1),
            "p95": round(percentile(values, 0.95), 1),
        }

    from sirhp.policy.audit.journal import Journal

    results = {
        "journal_events": Journal(audit_db).count(),
        "without_journal": {k: summary(v) for k, v in pooled[False].items()},
        "with_journal": {k: summary(v) for k, v in pooled[True].items()},
        "concurrent_readers": concurrency,
    }
    for kind in ("view", "rest"):
        off = results["without_journal"][kind]["p95"]
        on = results["with_journal"][kind]["p95"]
        results[f"{kind}_p95_overhead_percent"] = round((on - off) / off * 100, 1)
    output = ROOT / args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
