"""Careers: every file has its acts.

1. The ``career_act`` (acts) and ``career_file`` (files) metadata columns,
   added and filled; only these columns are written (no index is
   recomputed), with a savepoint every ``BATCH`` objects.
2. The missing acts of every validated file (``careers.missing``), filed as
   on the file's validation but without an initial version (a bulk path, as
   a migration import), committed every ``BATCH`` files: a big site's run
   keeps its memory bounded, and an interrupted run keeps what it did (run
   it again: files that have their acts get none).

Re-runnable (a second run fills the same values and files no act) and logged.
"""

from datetime import date
from plone import api
from sirhp.content.careers import indexers
from sirhp.content.careers.missing import build_missing_acts
from sirhp.content.content.versioning import without_initial_versions
from sirhp.content.upgrades import add_indexes
from sirhp.content.upgrades import logger
import transaction

BATCH = 500
COLUMNS = {
    "career_act": ("CareerEvent", indexers.career_act),
    "career_file": ("PersonnelFile", indexers.career_file),
}


def fill_column(name):
    """Write the ``name`` metadata of every object of its type; returns how
    many objects."""
    portal_type, indexer = COLUMNS[name]
    catalog = api.portal.get_tool("portal_catalog")
    position = catalog._catalog.schema[name]
    data = catalog._catalog.data
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=portal_type):
        rid = brain.getRID()
        record = list(data[rid])
        record[position] = indexer(brain._unrestrictedGetObject())()
        data[rid] = tuple(record)
        count += 1
        if count % BATCH == 0:
            transaction.savepoint(optimistic=True)
    return count


def build_all_missing_acts(today=None):
    """File the missing acts of every validated file, and restate from
    ``today`` (default: the day of the upgrade) what a file holds and its
    acts do not give (``rules.reprise_acts``); returns (files seen, acts
    filed)."""
    today = today or date.today()
    catalog = api.portal.get_tool("portal_catalog")
    paths = [
        brain.getPath()
        for brain in catalog.unrestrictedSearchResults(
            portal_type="PersonnelFile", review_state="validated"
        )
    ]
    portal = api.portal.get()
    built = 0
    with without_initial_versions():
        for count, path in enumerate(paths, start=1):
            built += len(
                build_missing_acts(
                    file=portal.unrestrictedTraverse(path), reprise_on=today
                )
            )
            if count % BATCH == 0:
                transaction.commit()
                logger.info(
                    "careers (acts): %d/%d files, %d acts", count, len(paths), built
                )
    return len(paths), built


def upgrade(context, today=None):
    """Add and fill the career metadata, then file the missing acts.

    :param context: ``portal_setup``.
    :param today: the day of the reprise (default: today).
    """
    add_indexes((), tuple(COLUMNS))
    for name in COLUMNS:
        logger.info("careers (acts): %s filled on %d objects", name, fill_column(name))
    files, built = build_all_missing_acts(today)
    logger.info("careers (acts): %d validated files, %d acts filed", files, built)
