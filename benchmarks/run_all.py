"""Run every benchmark against the bench instance and print a Markdown report.

Usage: python benchmarks/run_all.py --instance var/bench [--port 8090]
The site must exist (`make demo N=20000`). The report is printed and written
to benchmarks/results/latest.md; copy the figures into docs/benchmarks.md.
"""

import argparse
import json
import os
from pathlib import Path
import platform
import subprocess
import sys
import time
import urllib.request

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def wait_for(url, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except Exception:
            time.sleep(0.5)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instance", default="var/bench")
    parser.add_argument("--port", type=int, default=8090)
    args = parser.parse_args()
    instance = ROOT / args.instance
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)

    subprocess.run(
        [
            BIN / "zconsole",
            "run",
            instance / "etc" / "zope.conf",
            ROOT / "benchmarks" / "inprocess.py",
            out / "inprocess.json",
        ],
        check=True,
    )
    server = subprocess.Popen(
        [BIN / "runwsgi", instance / "etc" / "zope.ini"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{args.port}/sirhp"
        if not wait_for(base):
            sys.exit("bench server did not start")
        subprocess.run(
            [
                BIN / "python",
                ROOT / "benchmarks" / "http_latency.py",
                base,
                out / "http.json",
            ],
            check=True,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    inproc = json.loads((out / "inprocess.json").read_text())
    http = json.loads((out / "http.json").read_text())
    cpu = platform.processor() or platform.machine()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores ({cpu}), "
        f"Python {platform.python_version()}; site: {inproc['files']} personnel files, "
        f"{inproc['catalog_entries']} catalog entries.",
        "",
        "| measure | figure | target |",
        "|---|---|---|",
        f"| generation (bulk, indexing included) | {inproc['generation']['files_per_s']:.1f} files/s | >= 100 files/s |",
        f"| file view (clerk, warm) | p50 {http['file_view']['p50']:.0f} ms, p95 {http['file_view']['p95']:.0f} ms, {http['file_view']['bytes'] / 1024:.0f} KB HTML | p95 < 150 ms |",
        f"| REST GET of a file | p50 {http['file_rest_get']['p50']:.0f} ms, p95 {http['file_rest_get']['p95']:.0f} ms | within 2x of Document |",
        f"| REST GET of a stock Document | p50 {http['document_rest_get']['p50']:.0f} ms, p95 {http['document_rest_get']['p95']:.0f} ms | baseline |",
        f"| ratio file / Document (p50) | {http['rest_ratio_p50']:.2f} | <= 2 |",
        f"| catalog search skill + region + grade | p50 {inproc['search_ms']['p50']:.2f} ms, p95 {inproc['search_ms']['p95']:.2f} ms ({inproc['search_ms']['mean_hits']:.0f} hits avg) | p95 < 20 ms |",
    ]
    report = "\n".join(lines)
    (out / "latest.md").write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
