"""Dashboard: the ``birth_date`` index of personnel files (the age pyramid
reads it in bulk; an index, never metadata) and the permission
``sirhp: View indicators``.

The index is added if missing and filled file by file (only this index),
with a savepoint every ``BATCH`` files. The permission gets its default
roles added to whatever the site grants (sirhp.policy adds HR managers and
auditors, in either order). Re-runnable and logged.
"""

from plone import api
from sirhp.content.permissions import ViewIndicators
from sirhp.content.upgrades import add_indexes
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger
import transaction

INDEX = "birth_date"
ROLES = ("Manager", "Site Administrator")
BATCH = 500


def upgrade(context):
    """Add and fill the index, grant the permission's defaults.

    :param context: ``portal_setup``.
    """
    add_indexes((INDEX,))
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="PersonnelFile"):
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            brain.getPath(),
            idxs=[INDEX],
            update_metadata=False,
        )
        count += 1
        if count % BATCH == 0:
            transaction.savepoint(optimistic=True)
    added = add_permission_roles(ViewIndicators, ROLES)
    logger.info(
        "indicators: %d files' %s indexed; %s given to %s",
        count,
        INDEX,
        ViewIndicators,
        ", ".join(added) or "nobody new",
    )
