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

With ``--per-index`` each catalog index's ``index_object`` (the value's
computing through the catalog wrapper, and its writing) and the catalog's
metadata record are timed too, and listed: where an evaluation's catalog
entry goes. The timers add their own cost: read the shares, not the
figure per evaluation.

With ``--commit --records`` the records the commit stores are counted
by class (what an opening writes).
"""

from collections import Counter
from collections import defaultdict
from datetime import date
from plone import api
from Products.ZCatalog.Catalog import Catalog
import sys
from Testing.makerequest import makerequest
import time
import transaction
from ZODB import mvccadapter
from ZODB.utils import get_pickle_metadata
from zope.component.hooks import setSite

YEAR = 2031
COMMIT = "--commit" in sys.argv
PER_INDEX = "--per-index" in sys.argv
RECORDS = "--records" in sys.argv
SPENT = defaultdict(float)  # {index id or "(metadata)": seconds}
STORED = Counter()  # {class: records}
STORED_BYTES = Counter()  # {class: bytes}


def timed(method, key):
    """``method`` of a class, adding its time to ``SPENT[key(self)]``."""

    def wrapper(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            SPENT[key(self)] += time.perf_counter() - start

    wrapper.timed = True
    return wrapper


def time_the_catalog(catalog):
    for name in catalog._catalog.indexes.keys():
        klass = type(catalog._catalog.getIndex(name).aq_base)
        if not getattr(klass.index_object, "timed", False):
            klass.index_object = timed(klass.index_object, lambda i: i.getId())
    Catalog.updateMetadata = timed(Catalog.updateMetadata, lambda c: "(metadata)")


def count_the_records():
    """Count each record the storage is given, by the class it pickles
    (savepoints write elsewhere; the commit gives them all here)."""
    store = mvccadapter.MVCCAdapterInstance.store

    def counting(self, oid, serial, data, *args):
        name = ".".join(get_pickle_metadata(data))
        STORED[name] += 1
        STORED_BYTES[name] += len(data)
        return store(self, oid, serial, data, *args)

    mvccadapter.MVCCAdapterInstance.store = counting


def report_records(created):
    total = sum(STORED.values())
    size = sum(STORED_BYTES.values())
    print(f"{total / created:.1f} records, {size / created:.0f} bytes per evaluation")
    for name, count in STORED.most_common():
        print(
            f"  {count / created:6.2f} per evaluation, "
            f"{STORED_BYTES[name] / count:6.0f} bytes each  {name}"
        )


def report_per_index(created, seconds):
    each = seconds / created
    catalog = sum(SPENT.values()) / created
    print(f"catalog entry {catalog * 1000:.2f} ms each ({catalog / each:.0%})")
    for name, spent in sorted(SPENT.items(), key=lambda item: -item[1]):
        share = spent / created / each
        print(f"  {name:28s} {spent / created * 1e6:7.1f} µs  {share:5.1%}")


def main(app):
    from sirhp.content.evaluation import api as evaluation_api

    site = makerequest(app)["sirhp"]
    setSite(site)
    if PER_INDEX:
        time_the_catalog(site.portal_catalog)
    if RECORDS:
        count_the_records()
    try:
        with api.env.adopt_user(username="hrmanager.pn"):
            campaign = evaluation_api.create_campaign(
                agency=site["police-nationale"],
                year=YEAR,
                grid={"discipline": 30, "efficacite": 40, "relations": 30},
                evaluation_deadline=date(YEAR, 12, 15),
            )
            SPENT.clear()
            STORED.clear()
            STORED_BYTES.clear()
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
        + (" (timers included)" if PER_INDEX else "")
    )
    if PER_INDEX:
        report_per_index(created, seconds)
    if RECORDS:
        report_records(created)


main(app)  # noqa: F821 (zconsole provides app)
