"""Run every benchmark against the bench instance and print a Markdown report.

Usage: python benchmarks/run_all.py --instance var/bench [--port 8090]
The site must exist (`make demo N=20000`). The report is printed and written
to benchmarks/results/latest.md; copy the figures into docs/benchmarks.md.
"""

import argparse
from common import wait_for
import json
import os
from pathlib import Path
import platform
import subprocess
import sys
import time

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def careers_lines(inproc, http):
    """The careers rows of the report (``careers_*.py``)."""
    career, retirements = http["career"], http["retirements"]
    collective = inproc["collective_act"]
    check = inproc["consistency"]
    lines = [
        f"| GET <file>/@career?at= (clerk, warm, {career['n']} requests) | "
        f"p50 {career['p50']:.0f} ms, p95 {career['p95']:.0f} ms, "
        f"{career['ratio_p50']:.2f}x the file's REST GET (p50) | <= 20 ms |",
        f"| GET <agency>/@retirements?from=&to= (6 years, "
        f"{retirements['items']} officers) | p50 {retirements['p50']:.0f} ms, "
        f"p95 {retirements['p95']:.0f} ms, {retirements['ratio_p50']:.1f}x the "
        f"file's REST GET (p50) | <= 300 ms |",
        f"| collective act, {collective['acts']} officers (aborted) | "
        f"{collective['seconds']:.1f} s ({collective['acts_per_s']:.0f} acts/s) | <= 30 s |",
    ]
    if check["available"]:
        lines.append(
            f"| careers consistency check, whole site | {check['seconds']:.1f} s "
            f"({check['differences']} differences) | - |"
        )
    else:
        lines.append("| careers consistency check, whole site | not available | - |")
    return lines


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
    subprocess.run(
        [
            BIN / "zconsole",
            "run",
            instance / "etc" / "zope.conf",
            ROOT / "benchmarks" / "badges_inprocess.py",
            out / "badges.json",
        ],
        check=True,
    )
    subprocess.run(
        [
            BIN / "zconsole",
            "run",
            instance / "etc" / "zope.conf",
            ROOT / "benchmarks" / "mon_dossier_setup.py",
            out / "officers.json",
        ],
        check=True,
    )
    subprocess.run(
        [
            BIN / "zconsole",
            "run",
            instance / "etc" / "zope.conf",
            ROOT / "benchmarks" / "careers_inprocess.py",
            out / "careers.json",
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
        subprocess.run(
            [
                BIN / "python",
                ROOT / "benchmarks" / "badges_http.py",
                base,
                out / "badges.json",
                out / "badges_http.json",
            ],
            check=True,
        )
        subprocess.run(
            [
                BIN / "python",
                ROOT / "benchmarks" / "mon_dossier_http.py",
                base,
                out / "officers.json",
                out / "mon_dossier.json",
            ],
            check=True,
        )
        subprocess.run(
            [
                BIN / "python",
                ROOT / "benchmarks" / "careers_http.py",
                base,
                out / "careers_http.json",
            ],
            check=True,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    inproc = json.loads((out / "inprocess.json").read_text())
    http = json.loads((out / "http.json").read_text())
    badges = json.loads((out / "badges.json").read_text())
    verify = json.loads((out / "badges_http.json").read_text())
    mine = json.loads((out / "mon_dossier.json").read_text())
    careers = json.loads((out / "careers.json").read_text())
    careers_http = json.loads((out / "careers_http.json").read_text())
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
    lines += [
        f"| badge batch of {badges['batch']}: render, card layout | "
        f"{badges['render_card']['cards_per_s']:.0f} cards/s "
        f"({badges['render_card']['seconds']:.1f} s, {badges['render_card']['pdf_mb']:.1f} MB) | - |",
        f"| badge batch of {badges['batch']}: render, A4 sheets | "
        f"{badges['render_a4']['cards_per_s']:.0f} cards/s "
        f"({badges['render_a4']['seconds']:.1f} s, {badges['render_a4']['pdf_mb']:.1f} MB) | - |",
        f"| badge batch of {badges['batch']}: whole batch (transitions, snapshot, PDF, record) | "
        f"{badges['full_batch']['cards_per_s']:.0f} cards/s ({badges['full_batch']['seconds']:.1f} s) | - |",
        f"| public verification, valid card (anonymous) | p50 {verify['valid']['p50']:.1f} ms, "
        f"p95 {verify['valid']['p95']:.1f} ms, {verify['valid']['bytes'] / 1024:.1f} KB with photo | < 30 KB |",
        f"| public verification, revoked / forged / unknown | p50 {verify['revoked']['p50']:.1f} / "
        f"{verify['forged']['p50']:.1f} / {verify['unknown']['p50']:.1f} ms, p95 {verify['revoked']['p95']:.1f} / "
        f"{verify['forged']['p95']:.1f} / {verify['unknown']['p95']:.1f} ms | same time |",
        f"| public verification throughput (4 clients, valid + forged) | "
        f"{verify['requests_per_s']:.0f} requests/s | - |",
    ]
    cold = mine["transfer"]["cold_login_page"]
    second = mine["transfer"]["after_first_visit"]
    lines += [
        f"| Mon dossier (officer, warm) | p50 {mine['latency']['p50']:.0f} ms, "
        f"p95 {mine['latency']['p95']:.0f} ms, {mine['latency']['html_bytes'] / 1024:.0f} KB HTML | - |",
        f"| Mon dossier, bytes transferred (Chromium) | empty cache (login page) "
        f"{(cold['html'] + cold['resources']) / 1024:.0f} KB; after the first visit "
        f"{(second['html'] + second['resources']) / 1024:.0f} KB "
        f"(HTML {second['html'] / 1024:.0f} KB + {second['resources'] / 1024:.0f} KB of "
        f"{second['count']} cached resources) | < 100 KB after the first visit |",
    ]
    lines += careers_lines(careers, careers_http)
    report = "\n".join(lines)
    (out / "latest.md").write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
