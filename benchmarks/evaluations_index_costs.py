"""Where an evaluation's catalog entry goes: the opening of a campaign on
the bench site (``open_campaign``, commit included) with each catalog
index's ``index_object`` and the catalog's ``updateMetadata`` timed, then
**aborted** on a DemoStorage copy of the site's configuration (the bench
site is not changed). The timers add their own cost: read the shares, not
the absolute figures (``evaluations_inprocess.py`` gives those).

Each index's figure is the value's computing (the indexer, through the
catalog wrapper) and its writing in the index's structures.

Usage:
    python benchmarks/demostorage_conf.py var/bench/etc/zope.conf > /tmp/bench-demo.conf
    zconsole run /tmp/bench-demo.conf benchmarks/evaluations_index_costs.py
"""

from collections import defaultdict
from datetime import date
from plone import api
from Products.ZCatalog.Catalog import Catalog
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite

YEAR = 2031  # a year the bench site has no campaign of
SPENT = defaultdict(float)  # {index id or "(metadata)": seconds}


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


def main(app):
    from sirhp.content.evaluation import api as evaluation_api

    site = makerequest(app)["sirhp"]
    setSite(site)
    time_the_catalog(site.portal_catalog)
    try:
        with api.env.adopt_user(username="hrmanager.pn"):
            campaign = evaluation_api.create_campaign(
                agency=site["police-nationale"],
                year=YEAR,
                grid={"discipline": 30, "efficacite": 40, "relations": 30},
                evaluation_deadline=date(YEAR, 12, 15),
            )
            SPENT.clear()
            start = time.perf_counter()
            created = evaluation_api.open_campaign(campaign=campaign)
            transaction.commit()
            seconds = time.perf_counter() - start
    finally:
        transaction.abort()
    each = seconds / created
    print(f"{created} evaluations, {each * 1000:.2f} ms each (timers included)")
    catalog = sum(SPENT.values()) / created
    print(f"catalog entry {catalog * 1000:.2f} ms each ({catalog / each:.0%})")
    for name, spent in sorted(SPENT.items(), key=lambda item: -item[1]):
        share = spent / created / each
        print(f"  {name:28s} {spent / created * 1e6:7.1f} µs  {share:5.1%}")


main(app)  # noqa: F821 (zconsole provides app)
