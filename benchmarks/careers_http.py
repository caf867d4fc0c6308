"""Careers over HTTP: ``@career`` of a file and ``@retirements`` of an agency,
each as a ratio of the plain REST GET of a file measured in the same run.

Usage: python benchmarks/careers_http.py BASE_URL OUTPUT.json
(BASE_URL like http://127.0.0.1:8090/sirhp; the server must be running.)
Warm measurements: 50 sampled files (clerk.pn), each fetched once to warm,
then 4 rounds; ``@retirements`` of the Police nationale over the coming six
years (hrmanager.pn), 20 times after one warm request. Dates come from the
demo's reference date, so every run asks the same question.
"""

from common import percentile
from common import sample_files
from common import timed_gets
import json
import os
import requests
import statistics
import sys

# the demo generator's reference date (sirhp.policy.setuphandlers.demo)
AT = "2026-11-01"
YEARS = ("2027", "2032")
JSON = {"Accept": "application/json"}
TARGETS_MS = {"career": 20, "retirements": 300}


def measure(session, urls, rounds=4):
    timings, sizes = timed_gets(session, urls, JSON, rounds)
    return {
        "n": len(timings),
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "bytes": statistics.median(sizes),
    }


def main(base, output):
    password = os.environ.get("SIRHP_DEMO_PASSWORD", "sirhp-demo-2026")
    clerk = requests.Session()
    clerk.auth = ("clerk.pn", password)
    hr = requests.Session()
    hr.auth = ("hrmanager.pn", password)
    urls = sample_files(base, clerk)
    retirements = f"{base}/police-nationale/@retirements?from={YEARS[0]}&to={YEARS[1]}"
    results = {
        "file_rest_get": measure(clerk, urls),
        "career": measure(clerk, [f"{url}/@career?at={AT}" for url in urls]),
        "retirements": measure(hr, [retirements] * 5),
    }
    results["retirements"]["items"] = hr.get(retirements, headers=JSON).json()[
        "items_total"
    ]
    plain = results["file_rest_get"]["p50"]
    for name in ("career", "retirements"):
        results[name]["ratio_p50"] = results[name]["p50"] / plain
        results[name]["target_ms"] = TARGETS_MS[name]
    with open(output, "w") as handle:
        json.dump(results, handle, indent=2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
