"""Career acts drive the file: the ``event_end_date`` index (the daily job
finds by catalog the period acts that end), filled for the existing acts
that have an end date; the subscriber and the job need nothing stored.
Re-runnable and logged.
"""

from plone import api
from sirhp.content.upgrades import add_date_index
from sirhp.content.upgrades import logger

INDEX = "event_end_date"


def upgrade(context):
    """``context``: portal_setup. Returns the number of acts indexed."""
    add_date_index(INDEX)
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="CareerEvent"):
        obj = brain._unrestrictedGetObject()
        if getattr(obj, "end_date", None) is not None:
            obj.reindexObject(idxs=[INDEX])
            count += 1
    logger.info("sirhp.content: %s indexed for %d career act(s)", INDEX, count)
    return count
