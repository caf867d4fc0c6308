"""Helpers shared by the benchmark scripts (percentiles, waiting for a server).

The scripts run as plain files (``python benchmarks/x.py``), so they import
this module with the benchmarks folder on ``sys.path`` (it is, for a script
run from it).
"""

import random
import time
import urllib.request


def percentile(values, fraction):
    """The value at ``fraction`` (0..1) of the sorted values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def wait_for(url, seconds=180):
    """Poll ``url`` until it answers (True) or ``seconds`` pass (False)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except Exception:
            time.sleep(0.5)
    return False


def sample_files(base, session, count=50, seed=3):
    """``count`` validated Police nationale files (URLs), the same ones on
    every run (seeded sample of a 1,000-file search)."""
    search = session.get(
        f"{base}/@search",
        params={
            "portal_type": "PersonnelFile",
            "review_state": "validated",
            "b_size": 1000,
            "agency": "police-nationale",
        },
        headers={"Accept": "application/json"},
    ).json()
    return [item["@id"] for item in random.Random(seed).sample(search["items"], count)]


def timed_gets(session, urls, headers=None, rounds=4):
    """GET each URL once to warm, then ``rounds`` times: (ms timings, sizes)."""
    for url in urls:
        session.get(url, headers=headers or {}).raise_for_status()
    timings, sizes = [], []
    for _ in range(rounds):
        for url in urls:
            start = time.perf_counter()
            response = session.get(url, headers=headers or {})
            timings.append((time.perf_counter() - start) * 1000)
            response.raise_for_status()
            sizes.append(len(response.content))
    return timings, sizes
