"""Upload response time of a 10-page PDF over HTTP (REST), OCR deferred.

Usage: .venv/bin/python benchmarks/documents_http.py --url http://localhost:8080/sirhp
       [--user clerk.pn --password sirhp-demo-2026] [--count 30]

Posts a generated 10-page text PDF as a new ScannedDocument into a draft
file of the Police nationale (found with @search), ``--count`` times after 3
warm-up posts; prints p50/p95 in JSON. The documents stay (drafts) and are
queued for the text worker.
"""

import argparse
from base64 import b64encode
import json
from pathlib import Path
import requests
import sys
import time

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.documents import files  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:8080/sirhp")
    parser.add_argument("--user", default="clerk.pn")
    parser.add_argument("--password", default="sirhp-demo-2026")
    parser.add_argument("--count", type=int, default=30)
    args = parser.parse_args()
    session = requests.Session()
    session.auth = (args.user, args.password)
    session.headers["Accept"] = "application/json"
    found = session.get(
        f"{args.url}/@search",
        params={
            "portal_type": "PersonnelFile",
            "review_state": "draft",
            "agency": "police-nationale",
        },
        timeout=30,
    ).json()["items"]
    target = found[0]["@id"]
    pdf = files.text_pdf(("Arrêté de nomination", "Décision n° 2024-117"), pages=10)
    body = {
        "@type": "ScannedDocument",
        "document_type": "arrete-nomination",
        "file": {
            "data": b64encode(pdf).decode(),
            "encoding": "base64",
            "filename": "arrete.pdf",
            "content-type": "application/pdf",
        },
    }
    times = []
    for n in range(args.count + 3):
        started = time.monotonic()
        response = session.post(target, json=body, timeout=60)
        elapsed = time.monotonic() - started
        assert response.status_code == 201, response.text
        if n >= 3:
            times.append(elapsed)
    times.sort()
    result = {
        "count": args.count,
        "pdf_bytes": len(pdf),
        "p50_s": round(times[len(times) // 2], 3),
        "p95_s": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], 3),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
