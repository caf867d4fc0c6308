"""Opening an evaluation campaign on the bench site: the Police
nationale's evaluations created in one action (``open_campaign``: the bulk
path, catalogued every 500), then **aborted** (the bench site is not
changed). The campaign is for a year the site has no campaign of.

Usage: zconsole run var/bench/etc/zope.conf benchmarks/evaluations_inprocess.py

With ``--commit`` the transaction is committed and the commit timed too
(what a user waits for): run it on a DemoStorage copy of the site's
configuration so the site is not changed:

    python benchmarks/demostorage_conf.py var/bench/etc/zope.conf > /tmp/bench-demo.conf
    zconsole run /tmp/bench-demo.conf benchmarks/evaluations_inprocess.py --commit
"""

from datetime import date
from plone import api
import sys
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite

YEAR = 2031
COMMIT = "--commit" in sys.argv


def main(app):
    from sirhp.content.evaluation import api as evaluation_api

    site = makerequest(app)["sirhp"]
    setSite(site)
    try:
        with api.env.adopt_user(username="hrmanager.pn"):
            campaign = evaluation_api.create_campaign(
                agency=site["police-nationale"],
                year=YEAR,
                grid={"discipline": 30, "efficacite": 40, "relations": 30},
                evaluation_deadline=date(YEAR, 12, 15),
            )
            start = time.perf_counter()
            cpu = time.process_time()
            created = evaluation_api.open_campaign(campaign=campaign)
            if COMMIT:
                transaction.commit()
            seconds = time.perf_counter() - start
            cpu = time.process_time() - cpu
    finally:
        transaction.abort()
    print(
        f"{created} evaluations in {seconds:.1f} s: "
        f"{seconds / created * 1000:.2f} ms each, "
        f"{seconds / created * 20000:.0f} s per 20,000 (target 60 s)"
        + (", commit included" if COMMIT else "")
        + f" (CPU {cpu / created * 1000:.2f} ms each: the figure on a loaded machine)"
    )


main(app)  # noqa: F821 (zconsole provides app)
