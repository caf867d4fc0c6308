"""HTTP latency of the file view, the REST GET of a file and of a stock Document.

Usage: python benchmarks/http_latency.py BASE_URL OUTPUT.json
(BASE_URL like http://127.0.0.1:8090/sirhp; the server must be running.)
Warm measurements: 50 sampled files, each fetched once to warm, then 4 rounds.
"""

from common import percentile
from common import sample_files
from common import timed_gets
import json
import os
import requests
import statistics
import sys


def measure(session, urls, headers=None, rounds=4):
    timings, sizes = timed_gets(session, urls, headers, rounds)
    return {
        "n": len(timings),
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "bytes": statistics.median(sizes),
    }


def main(base, output):
    password = os.environ.get("SIRHP_DEMO_PASSWORD", "sirhp-demo-2026")
    admin = os.environ.get("SIRHP_ADMIN_PASSWORD", "admin")
    clerk = requests.Session()
    clerk.auth = ("clerk.pn", password)
    urls = sample_files(base, clerk)
    manager = requests.Session()
    manager.auth = ("admin", admin)
    doc = f"{base}/benchmark-document"
    if manager.get(doc, headers={"Accept": "application/json"}).status_code == 404:
        manager.post(
            base,
            headers={"Accept": "application/json"},
            json={
                "@type": "Document",
                "id": "benchmark-document",
                "title": "Document de référence",
                "description": "Page Plone standard",
            },
        ).raise_for_status()
    results = {
        "file_view": measure(clerk, urls),
        "file_rest_get": measure(clerk, urls, {"Accept": "application/json"}),
        "document_rest_get": measure(
            manager, [doc] * 50, {"Accept": "application/json"}
        ),
    }
    results["rest_ratio_p50"] = (
        results["file_rest_get"]["p50"] / results["document_rest_get"]["p50"]
    )
    with open(output, "w") as handle:
        json.dump(results, handle, indent=2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
