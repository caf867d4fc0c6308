"""Concurrent clerks: N threads writing at once, as an agency's archive office
does on a busy morning; reports, per request type, the count, the errors by
status and p50/p95 (ms).

Usage: python benchmarks/concurrent_clerks.py BASE_URL [BASE_URL2 ...]
       [--clerks 20] [--requests 200 | --seconds 60] [--output OUT.json]
(BASE_URL like http://127.0.0.1:8081/sirhp; several URLs: the clerks are
spread over them, as a load balancer would, e.g. the two ZEO clients.)

Each clerk (a ``requests`` session as ``clerk.pn``, ``clerk.ocs``,
``hrmanager.pn`` or ``hrmanager.ocs``, password ``SIRHP_DEMO_PASSWORD``,
default ``sirhp-demo-2026``) works in files of its agency: it creates a
career act (POST CareerEvent), a leave request (POST @leave) or a scanned
document (POST ScannedDocument, a one-page PDF), and edits the draft records
it created (PATCH). Clerks share files on purpose (a few files per agency):
two clerks adding to one file at the same moment is the case that conflicts.
``run()`` is what the system test calls; it returns the acknowledged writes
so that the caller can check each was stored.
"""

import argparse
from base64 import b64encode
from common import percentile
from datetime import date
from datetime import timedelta
import itertools
import json
import os
import random
import requests
from sirhp.policy.setuphandlers.pdf import tiny_pdf
import sys
import threading
import time

JSON = {"Accept": "application/json", "Content-Type": "application/json"}
ACCOUNTS = ("clerk.pn", "clerk.ocs", "hrmanager.pn", "hrmanager.ocs")
AGENCY = {"pn": "police-nationale", "ocs": "ocs"}
PDF = tiny_pdf(["Pièce versée au dossier (banc d'essai)"])


def password():
    return os.environ.get("SIRHP_DEMO_PASSWORD", "sirhp-demo-2026")


def shared_files(base, session, agency, count):
    """``count`` validated files of ``agency`` (URLs), the same on every run."""
    found = session.get(
        f"{base}/@search",
        params={
            "portal_type": "PersonnelFile",
            "review_state": "validated",
            "agency": agency,
            "sort_on": "id",
            "b_size": count,
        },
        headers=JSON,
        timeout=60,
    ).json()
    return [item["@id"] for item in found["items"]]


def career_act(number):
    return {
        "@type": "CareerEvent",
        "event_type": "decoration",
        "event_date": "2026-10-01",
        "decoration": f"Médaille {number}",
        "reference": f"BENCH-{number}",
    }


LEAVES = itertools.count()
# first leave day; another run on the same database takes another year
# (--leave-year), leave periods never overlap
FIRST_LEAVE = [date(2027, 1, 4)]


def leave(number):
    # one day every 13 days, from a counter shared by the threads: never two
    # on one day, under the 30 days a year of annual leave
    start = 13 * next(LEAVES)
    return {
        "leave_type": "annual",
        "start": _day(start),
        "end": _day(start),
        "reason": f"Banc d'essai {number}",
    }


def _day(offset):
    return (FIRST_LEAVE[0] + timedelta(days=offset)).isoformat()


def document(number):
    return {
        "@type": "ScannedDocument",
        "document_type": "diplome",
        "title": f"Pièce {number}",
        "file": {
            "data": b64encode(PDF).decode(),
            "encoding": "base64",
            "filename": f"piece-{number}.pdf",
            "content-type": "application/pdf",
        },
    }


class Recorder:
    """Timings and statuses per request type, shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.samples = {}
        self.written = []  # (url, fields) of every acknowledged write
        self.bodies = []  # texts of the non-2xx answers

    def add(self, kind, status, ms, text=""):
        with self.lock:
            self.samples.setdefault(kind, []).append((status, ms))
            if not 200 <= status < 300:
                self.bodies.append((kind, status, text[:2000]))

    def report(self):
        out = {}
        for kind, samples in sorted(self.samples.items()):
            timings = [ms for _, ms in samples]
            errors = {}
            for status, _ in samples:
                if not 200 <= status < 300:
                    errors[str(status)] = errors.get(str(status), 0) + 1
            out[kind] = {
                "count": len(samples),
                "errors": errors,
                "p50": round(percentile(timings, 0.5), 1),
                "p95": round(percentile(timings, 0.95), 1),
            }
        total = sum(item["count"] for item in out.values())
        failed = sum(sum(item["errors"].values()) for item in out.values())
        out["total"] = {"count": total, "errors": failed}
        return out


def clerk(number, base, login, files, budget, recorder, deadline):
    session = requests.Session()
    session.auth = (login, password())
    session.headers.update(JSON)
    rnd = random.Random(number)
    drafts = []
    serial = itertools.count()
    while budget() and time.monotonic() < deadline:
        n = number * 100000 + next(serial)
        file_url = rnd.choice(files)
        choice = rnd.random()
        if drafts and choice < 0.3:
            kind, url = "patch", rnd.choice(drafts)
            fields = {"reference": f"BENCH-{n}-modifié"}
            call = lambda: session.patch(url, json=fields, timeout=120)  # noqa
        elif choice < 0.55:
            kind, url, fields = "career_act", file_url, career_act(n)
            call = lambda: session.post(url, json=fields, timeout=120)  # noqa
        elif choice < 0.8 and login.startswith("clerk."):
            # HR managers decide leave, clerks file the requests
            kind, url, fields = "leave", f"{file_url}/@leave", leave(n)
            call = lambda: session.post(url, json=fields, timeout=120)  # noqa
        elif choice < 0.8:
            kind, url, fields = "career_act", file_url, career_act(n)
            call = lambda: session.post(url, json=fields, timeout=120)  # noqa
        else:
            kind, url, fields = "document", file_url, document(n)
            call = lambda: session.post(url, json=fields, timeout=120)  # noqa
        start = time.perf_counter()
        try:
            response = call()
            status, text = response.status_code, response.text
        except requests.RequestException as error:
            status, text = 599, repr(error)
        recorder.add(kind, status, (time.perf_counter() - start) * 1000, text)
        if 200 <= status < 300:
            if kind == "patch":
                recorder.written.append(
                    (login, url, {"reference": fields["reference"]})
                )
            else:
                created = response.json().get("@id")
                stored = (
                    {"reference": fields["reference"]} if kind == "career_act" else {}
                )
                recorder.written.append((login, created, stored))
                if kind == "career_act":
                    drafts.append(created)
    session.close()


def run(bases, clerks=20, requests_total=200, seconds=None, files_per_agency=3):
    """Run ``clerks`` threads against ``bases`` until ``requests_total``
    requests are sent (or ``seconds`` pass): the ``Recorder``."""
    recorder = Recorder()
    lookup = requests.Session()
    lookup.auth = ("hrmanager.pn", password())
    files = {}
    for suffix, agency in AGENCY.items():
        lookup.auth = (f"hrmanager.{suffix}", password())
        files[suffix] = shared_files(bases[0], lookup, agency, files_per_agency)
    lookup.close()
    tickets = itertools.count()
    limit = requests_total if seconds is None else None

    def budget():
        return limit is None or next(tickets) < limit

    deadline = time.monotonic() + (seconds or 3600)
    threads = []
    for number in range(clerks):
        login = ACCOUNTS[number % len(ACCOUNTS)]
        base = bases[number % len(bases)]
        own = [url.replace(bases[0], base, 1) for url in files[login.split(".")[1]]]
        thread = threading.Thread(
            target=clerk,
            args=(number, base, login, own, budget, recorder, deadline),
        )
        threads.append(thread)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return recorder


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bases", nargs="+")
    parser.add_argument("--clerks", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--files", type=int, default=3)
    parser.add_argument("--leave-year", type=int, default=2027)
    parser.add_argument("--output")
    args = parser.parse_args(argv)
    bases = [base.rstrip("/") for base in args.bases]
    FIRST_LEAVE[0] = date(args.leave_year, 1, 4)
    start = time.monotonic()
    recorder = run(bases, args.clerks, args.requests, args.seconds, args.files)
    report = recorder.report()
    report["seconds"] = round(time.monotonic() - start, 1)
    print(json.dumps(report, indent=2))
    for kind, status, text in recorder.bodies[:5]:
        print(f"--- {kind} {status}: {text[:300]}", file=sys.stderr)
    if args.output:
        with open(args.output, "w") as handle:
            json.dump(report, handle, indent=2)
    return 1 if report["total"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
