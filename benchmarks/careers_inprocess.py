"""Careers in process: a collective act of 500 officers and the full
consistency check of the files against their acts.

Usage: zconsole run var/bench/etc/zope.conf benchmarks/careers_inprocess.py OUTPUT.json

The collective act is filed as hrmanager.pn and then aborted, so the bench
site is not changed and the benchmark can be run again. The consistency
check (``sirhp.content.careers.consistency.check``) is reported "not
available" on a code base that does not have it yet.
"""

from datetime import date
import json
from plone import api
import sys
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite

OFFICERS = 500
# the demo generator's reference date (sirhp.policy.setuphandlers.demo)
AT = date(2026, 11, 1)
TARGET_COLLECTIVE_S = 30


def collective(site):
    """Seconds to file one decoration act for ``OFFICERS`` officers."""
    from sirhp.content.careers.collective import collective_act

    agency = site["police-nationale"]
    brains = site.portal_catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile",
        review_state="validated",
        agency="police-nationale",
        sort_on="matricule",
    )
    matricules = [brain.matricule for brain in brains[:OFFICERS]]
    with api.env.adopt_user(username="hrmanager.pn"):
        start = time.perf_counter()
        try:
            result = collective_act(
                agency=agency,
                matricules=matricules,
                event_type="decoration",
                event_date=AT,
                reference="Décision n°2026-BENCH/DGPN",
            )
            # a decision (id, acts) since acts are batches; a list before
            acts = getattr(result, "acts", result)
            transaction.savepoint(optimistic=True)  # what a commit would write
            seconds = time.perf_counter() - start
        finally:
            transaction.abort()
    return {
        "officers": len(matricules),
        "acts": len(acts),
        "seconds": seconds,
        "acts_per_s": len(acts) / seconds,
        "target_s": TARGET_COLLECTIVE_S,
    }


def consistency():
    """Seconds of the full consistency check and the differences found."""
    try:
        from sirhp.content.careers.consistency import check
    except ImportError:
        return {"available": False}
    with api.env.adopt_user(username="admin"):
        start = time.perf_counter()
        # as an operator runs it: on the day (a site taken over by the
        # upgrade has its legacy values restated from the upgrade's day)
        differences = check(today=date.today())
        seconds = time.perf_counter() - start
    transaction.abort()
    return {"available": True, "seconds": seconds, "differences": len(differences)}


def main(app, output):
    app = makerequest(app)
    site = app["sirhp"]
    setSite(site)
    results = {
        "files": len(
            site.portal_catalog.unrestrictedSearchResults(portal_type="PersonnelFile")
        ),
        "acts": len(
            site.portal_catalog.unrestrictedSearchResults(portal_type="CareerEvent")
        ),
        "collective_act": collective(site),
        "consistency": consistency(),
    }
    with open(output, "w") as handle:
        json.dump(results, handle, indent=2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main(app, sys.argv[-1])  # noqa: F821 (zconsole provides app)
