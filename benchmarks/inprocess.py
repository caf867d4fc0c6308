"""In-process benchmarks, run by zconsole against the bench instance.

zconsole run var/bench/etc/zope.conf benchmarks/inprocess.py OUTPUT.json

- generation: files/s of the demo generator (bulk mode, 200 files, indexing
  included; the transaction is aborted so the site is unchanged);
- catalog search by skill + region + grade (p50/p95 over 200 queries);
- site size (files, catalog entries).
"""

from AccessControl.SecurityManagement import newSecurityManager
import json
from Products.CMFCore.indexing import processQueue
import random
import statistics
import sys
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main(app, output):
    app = makerequest(app)
    site = app.sirhp
    setSite(site)
    newSecurityManager(None, app.acl_users.getUser("admin").__of__(app.acl_users))
    catalog = site.portal_catalog
    files = len(catalog.unrestrictedSearchResults(portal_type="PersonnelFile"))
    results = {"files": files, "catalog_entries": len(catalog)}

    from sirhp.content.vocabularies.fixed import REGIONS
    from sirhp.content.vocabularies.hr import hr_terms

    rng = random.Random(1)
    skills = [t.code for t in hr_terms("skills")]
    grades = [t.code for t in hr_terms("grades")]
    regions = [code for code, _ in REGIONS]
    timings, hits = [], []
    for _ in range(220):
        query = dict(
            portal_type="PersonnelFile",
            skills=rng.choice(skills),
            region=rng.choice(regions),
            grade=rng.choice(grades),
            sort_on="sortable_title",
        )
        start = time.perf_counter()
        brains = catalog.unrestrictedSearchResults(**query)
        rows = [(b.matricule, b.Title, b.unit_title) for b in brains[:50]]
        timings.append((time.perf_counter() - start) * 1000)
        hits.append(len(brains))
        del rows
    timings = timings[20:]  # warm
    results["search_ms"] = {
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "mean_hits": statistics.mean(hits),
    }

    from sirhp.policy.setuphandlers import demo

    count = 200
    start = time.perf_counter()
    demo.generate_files(site, count, accounts=False, offset=900000 - count, bulk=True)
    processQueue()
    seconds = time.perf_counter() - start
    transaction.abort()
    results["generation"] = {
        "files": count,
        "seconds": seconds,
        "files_per_s": count / seconds,
    }
    with open(output, "w") as handle:
        json.dump(results, handle, indent=2)
    print(json.dumps(results, indent=2))


def _script_args(argv):
    for index, arg in enumerate(argv):
        if arg.endswith("inprocess.py"):
            return argv[index + 1 :]
    return argv[1:]


if "app" in globals():
    main(app, _script_args(sys.argv)[0])  # noqa: F821
