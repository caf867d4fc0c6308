"""HTTP latency of the file view, the REST GET of a file and of a stock Document.

Usage: python benchmarks/http_latency.py BASE_URL OUTPUT.json
(BASE_URL like http://127.0.0.1:8090/sirhp; the server must be running.)
Warm measurements: 50 sampled files, each fetched once to warm, then 4 rounds.
"""

from common import percentile
import json
import os
import random
import requests
import statistics
import sys
import time


def measure(session, urls, headers=None, rounds=4):
    for url in urls:  # warm
        session.get(url, headers=headers or {}).raise_for_status()
    timings = []
    sizes = []
    for _ in range(rounds):
        for url in urls:
            start = time.perf_counter()
            response = session.get(url, headers=headers or {})
            timings.append((time.perf_counter() - start) * 1000)
            response.raise_for_status()
            sizes.append(len(response.content))
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
    search = clerk.get(
        f"{base}/@search",
        params={
            "portal_type": "PersonnelFile",
            "review_state": "validated",
            "b_size": 1000,
            "agency": "police-nationale",
        },
        headers={"Accept": "application/json"},
    ).json()
    rng = random.Random(3)
    urls = [item["@id"] for item in rng.sample(search["items"], 50)]
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
