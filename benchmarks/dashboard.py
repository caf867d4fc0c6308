"""The reform's dashboard on the bench site: the Police nationale's
figures on the reference date, cold (the RAM cache emptied) and warm (the
same key: same user, day and catalog counter), against one plain catalog
query of the same files in the same run. Nothing is written.

Usage: zconsole run var/bench/etc/zope.conf benchmarks/dashboard.py
Targets: cold <= 1 s, warm <= 200 ms (20,000 files).
"""

from plone import api
import statistics
from Testing.makerequest import makerequest
import time
import transaction
from zope.component import getUtility
from zope.component.hooks import setSite
from zope.ramcache.interfaces.ram import IRAMCache

USER = "hrmanager.pn"
RUNS = 5


def _timed(call):
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def main(app):
    from sirhp.content.indicators import api as indicators
    from sirhp.policy.setuphandlers.demo import REFERENCE_DATE

    site = makerequest(app)["sirhp"]
    setSite(site)
    agency = site["police-nationale"]
    try:
        with api.env.adopt_user(username=USER):
            catalog = api.portal.get_tool("portal_catalog")
            plain = []
            for _run in range(RUNS):
                seconds, found = _timed(
                    lambda: len(
                        catalog.searchResults(
                            portal_type="PersonnelFile",
                            review_state="validated",
                            path="/".join(agency.getPhysicalPath()),
                        )
                    )
                )
                plain.append(seconds)
            cold, warm = [], []
            # the first call also loads the objects into the ZODB cache
            first, _report = _timed(
                lambda: indicators.indicators(context=agency, at=REFERENCE_DATE)
            )
            for _run in range(RUNS):
                getUtility(IRAMCache).invalidateAll()  # plone.memoize's cache
                seconds, report = _timed(
                    lambda: indicators.indicators(context=agency, at=REFERENCE_DATE)
                )
                cold.append(seconds)
                seconds, _report = _timed(
                    lambda: indicators.indicators(context=agency, at=REFERENCE_DATE)
                )
                warm.append(seconds)
    finally:
        transaction.abort()
    staff = report["figures"][0]["total"]["count"]
    base = statistics.median(plain)
    print(f"{found} validated files, {staff} in service on {REFERENCE_DATE}")
    print(f"plain catalog query: median {base * 1000:.1f} ms")
    print(f"dashboard, first call of the process: {first * 1000:.0f} ms")
    for name, times, target in (("cold", cold, 1000), ("warm", warm, 200)):
        median = statistics.median(times)
        print(
            f"dashboard {name}: median {median * 1000:.1f} ms, "
            f"max {max(times) * 1000:.1f} ms (target {target} ms), "
            f"ratio to the plain query {median / base:.1f}"
        )


main(app)  # noqa: F821 (zconsole provides app)
