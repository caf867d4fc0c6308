"""The staff finder on the bench site (20,000 files): p50/p95 of searches
with 4 facets (skill, language, region, available on a day) through
``deployment.api.search`` (results, facets, availability), against a plain
catalog query of the same filters in the same run (the ratio is the cost of
facets and availability). Nothing is written (the journal is off, the
transaction aborted). Target: p95 <= 50 ms.

Usage: zconsole run var/bench/etc/zope.conf benchmarks/deployment_search.py
"""

from datetime import date
from plone import api
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite

RUNS = 50
DAY = date(2026, 11, 9)
FORMS = (
    {"skill": "police-judiciaire", "language": "bm", "region": "segou"},
    {"skill": "maintien-ordre", "language": "ff", "region": "bamako"},
    {"skill": "renseignement", "language": "ses", "region": "mopti"},
)


def _percentiles(timings):
    timings = sorted(timings)
    return timings[len(timings) // 2], timings[int(len(timings) * 0.95) - 1]


def main(app):
    from sirhp.content.deployment import api as deployment

    site = makerequest(app)["sirhp"]
    setSite(site)
    agency = site["police-nationale"]
    catalog = api.portal.get_tool("portal_catalog")
    finder, plain = [], []
    try:
        with api.env.adopt_user(username="hrmanager.pn"):
            for run in range(RUNS):
                form = dict(FORMS[run % len(FORMS)], available_on=DAY.isoformat())
                start = time.perf_counter()
                found = deployment.search(
                    agency=agency, form=form, today=DAY, journal=False
                )
                finder.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                len(
                    catalog.searchResults(
                        portal_type="PersonnelFile",
                        review_state="validated",
                        path="/".join(agency.getPhysicalPath()),
                        skills=form["skill"],
                        languages=form["language"],
                        region=form["region"],
                        personnel_status="active",
                    )
                )
                plain.append((time.perf_counter() - start) * 1000)
    finally:
        transaction.abort()
    f50, f95 = _percentiles(finder)
    p50, p95 = _percentiles(plain)
    print(
        f"deployment search, 4 facets ({found['items_total']} found last): "
        f"p50 {f50:.1f} ms, p95 {f95:.1f} ms (target 50 ms); plain catalog query "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms; ratio p95 {f95 / max(p95, 0.001):.1f}"
    )


main(app)  # noqa: F821 (zconsole provides app)
