"""Work lists: the grouped submission and validation granted to their roles
(records clerks and HR managers submit, reviewers and HR managers validate,
on their agency; administrators both), and the ``last_actor`` catalog
column (who submitted what waits) added and filled for the items waiting
now (other items get it at their next transition: only waiting items show
it).

The roles are added to those the site grants (the rolemap is not
re-imported). Re-runnable and logged.
"""

from plone import api
from sirhp.content.permissions import SubmitWithRecords
from sirhp.content.permissions import ValidateWithRecords
from sirhp.content.upgrades import add_indexes
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.upgrades import logger
import transaction

ADMINISTRATORS = ("Manager", "Site Administrator")
ROLES = {
    SubmitWithRecords: ADMINISTRATORS + ("RecordsClerk", "HRManager"),
    ValidateWithRecords: ADMINISTRATORS + ("RecordsReviewer", "HRManager"),
}
TYPES = ("PersonnelFile", "ScannedDocument", "CareerEvent")
BATCH = 500


def upgrade(context):
    """Grant the permissions, add and fill the ``last_actor`` column.

    :param context: ``portal_setup``.
    """
    for permission, roles in ROLES.items():
        added = add_permission_roles(permission, roles)
        logger.info(
            "worklists: %s given to %s", permission, ", ".join(added) or "nobody new"
        )
    add_indexes((), columns=("last_actor",))
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type=list(TYPES), review_state="pending"
    ):
        obj = brain._unrestrictedGetObject()
        # metadata only: an index name keeps the other indexes untouched
        catalog.catalog_object(obj, brain.getPath(), idxs=["getId"], update_metadata=1)
        count += 1
        if count % BATCH == 0:
            transaction.savepoint(optimistic=True)
    logger.info("worklists: last_actor filled for %d waiting items", count)
