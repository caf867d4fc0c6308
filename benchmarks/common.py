"""Helpers shared by the benchmark scripts (percentiles, waiting for a server).

The scripts run as plain files (``python benchmarks/x.py``), so they import
this module with the benchmarks folder on ``sys.path`` (it is, for a script
run from it).
"""

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
