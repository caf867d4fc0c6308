"""Fairness: the ``region_of_origin`` metadata column of personnel files
(the year report groups officers by it without loading them) and the
permission ``sirhp: View fairness``.

The column is added if missing and filled file by file (metadata only: the
``getId`` index is the cheapest to recompute alongside), with a savepoint
every ``BATCH`` files. The permission gets its default roles added to
whatever the site grants (sirhp.policy adds HR managers and auditors, in
either order). Re-runnable and logged.
"""

from plone import api
from sirhp.content.permissions import ViewFairness
from sirhp.content.upgrades import add_indexes
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger
import transaction

COLUMN = "region_of_origin"
ROLES = ("Manager", "Site Administrator")
BATCH = 500


def upgrade(context):
    """Add and fill the column, grant the permission's defaults.

    :param context: ``portal_setup``.
    """
    add_indexes((), (COLUMN,))
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="PersonnelFile"):
        brain._unrestrictedGetObject().reindexObject(idxs=["getId"])
        count += 1
        if count % BATCH == 0:
            transaction.savepoint(optimistic=True)
    added = add_permission_roles(ViewFairness, ROLES)
    logger.info(
        "fairness: %d files' %s filled; %s given to %s",
        count,
        COLUMN,
        ViewFairness,
        ", ".join(added) or "nobody new",
    )
