"""Promotion: the ``PromotionTable`` type (in an agency), its permissions
(Manager here; HR managers and administrators by sirhp.policy), and the
exceptional promotion's ground in the ``career_act`` metadata (key
``ground``). The types are imported from the profile (``typeinfo``: the new
FTI, the agency's allowed types); the permissions are added to those the
site grants (the rolemap is not re-imported); only promotion acts are
re-indexed (the others have no ground: a missing key reads as None).
Re-runnable and logged.
"""

from plone import api
from sirhp.content.permissions import AddPromotionTable
from sirhp.content.permissions import DecidePromotions
from sirhp.content.permissions import ManagePromotionTables
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import PROFILE

PERMISSIONS = (AddPromotionTable, ManagePromotionTables, DecidePromotions)
TYPE = "PromotionTable"


def upgrade(context):
    """``context``: portal_setup."""
    context.runImportStepFromProfile(PROFILE, "typeinfo", run_dependencies=False)
    for permission in PERMISSIONS:
        add_permission_roles(permission, ("Manager",))
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="CareerEvent", event_type="promotion"
    ):
        brain._unrestrictedGetObject().reindexObject(idxs=["career_act"])
        count += 1
    types = api.portal.get_tool("portal_types")
    logger.info(
        "promotion: type %s (agency allows it: %s); %d promotion act(s) re-indexed",
        TYPE if TYPE in types else "missing",
        TYPE in types["Agency"].allowed_content_types,
        count,
    )
