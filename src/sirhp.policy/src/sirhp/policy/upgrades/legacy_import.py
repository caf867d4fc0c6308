"""Legacy import: ``sirhp: Import personnel files`` granted to its roles
(records clerks and HR managers on their agency, administrators) and the
``nina`` catalog index added and filled (duplicates of an imported register
are found against it).

The roles are added to those the site grants (the rolemap is not
re-imported); only personnel files are indexed, one savepoint per
``BATCH``. Re-runnable and logged.
"""

from plone import api
from sirhp.content.permissions import ImportPersonnelFiles
from sirhp.content.upgrades import add_indexes
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.upgrades import logger
import transaction

ROLES = ("Manager", "Site Administrator", "RecordsClerk", "HRManager")
BATCH = 500


def upgrade(context):
    """Grant the permission, add and fill the ``nina`` index.

    :param context: ``portal_setup``.
    """
    added = add_permission_roles(ImportPersonnelFiles, ROLES)
    catalog = api.portal.get_tool("portal_catalog")
    new_index = "nina" not in catalog.indexes()
    add_indexes(("nina",))
    count = 0
    if new_index:
        for brain in catalog.unrestrictedSearchResults(portal_type="PersonnelFile"):
            obj = brain._unrestrictedGetObject()
            catalog.catalog_object(
                obj, brain.getPath(), idxs=["nina"], update_metadata=0
            )
            count += 1
            if count % BATCH == 0:
                transaction.savepoint(optimistic=True)
    logger.info(
        "legacy_import: %s given to %s; nina index %s (%d files)",
        ImportPersonnelFiles,
        ", ".join(added) or "nobody new",
        "added" if new_index else "present",
        count,
    )
