"""Public verification page over HTTP: latency p50/p95, requests/s, size.

Usage: python benchmarks/badges_http.py BASE_URL BADGES.json OUTPUT.json
BADGES.json is written by badges_inprocess.py (URLs of valid and revoked
cards). Anonymous requests, as a citizen's phone; the rate limit of the
bench site is raised by badges_inprocess.py (one address here).
"""

from common import percentile
from concurrent.futures import ThreadPoolExecutor
import json
import random
import requests
import statistics
import sys
import time


def latency(session, urls, rounds=10):
    for url in urls:
        session.get(url).raise_for_status()
    timings, sizes = [], []
    for _ in range(rounds):
        for url in urls:
            start = time.perf_counter()
            response = session.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            response.raise_for_status()
            sizes.append(len(response.content))
    return {
        "n": len(timings),
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "bytes": statistics.median(sizes),
    }


def throughput(urls, seconds=10.0, workers=4):
    deadline = time.perf_counter() + seconds
    counts = []

    def worker(index):
        session = requests.Session()
        rng = random.Random(index)
        done = 0
        while time.perf_counter() < deadline:
            session.get(rng.choice(urls)).raise_for_status()
            done += 1
        return done

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        counts = list(pool.map(worker, range(workers)))
    return sum(counts) / (time.perf_counter() - start)


def main(base, badges_json, output):
    data = json.loads(open(badges_json).read())
    valid = data["valid_urls"]
    revoked = data["revoked_urls"]
    forged = [url[:-4] + "AAAA" for url in valid]
    unknown = [f"{base}/@@carte/{'B' * 16}.{'C' * 16}"]
    session = requests.Session()
    results = {
        "valid": latency(session, valid),
        "revoked": latency(session, revoked),
        "forged": latency(session, forged),
        "unknown": latency(session, unknown * 5),
        "requests_per_s": throughput(valid + forged),
    }
    with open(output, "w") as handle:
        json.dump(results, handle, indent=2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main(*sys.argv[1:4])
