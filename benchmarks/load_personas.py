"""The personas of the load run: their share of the users and think times.

Plain data, read by ``benchmarks/locustfile.py`` (the users) and
``benchmarks/load_report.py`` (the most the users can ask: with think times,
the throughput is bounded by the users, not only by the servers).
"""

# persona: share of the weighted users (the batch filer is one user more)
WEIGHTS = {"Officer": 10, "Public": 5, "Clerk": 4, "Reviewer": 2}
# persona: think time between two tasks of a user (seconds, uniform), times
# SIRHP_LOAD_THINK_SCALE (--think-scale)
THINK_TIME = {
    "Officer": (3, 10),
    "Public": (2, 8),
    "Clerk": (3, 10),
    "Reviewer": (3, 10),
}


def think_bound(users, scale=1.0):
    """Requests per second ``users`` ask for at most (one request a task, no
    server time): above about 80 % of it, the think times set the pace."""
    weighted = max(users - 1, 0)  # one user is the batch filer
    total = sum(WEIGHTS.values())
    return sum(
        weighted * weight / total / (scale * sum(THINK_TIME[name]) / 2)
        for name, weight in WEIGHTS.items()
    )
