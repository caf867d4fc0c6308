"""Promotion: ``sirhp_promotion_workflow`` (draft, submitted, decided,
published; four eyes at decide and publish) bound to tableaux
d'avancement; HR managers and administrators add, build and publish them
and record the commission's decisions. The workflows are re-imported from
the profile (definitions and bindings; no existing object changes
workflow); the roles are added to those the site grants. Re-runnable and
logged.
"""

from sirhp.content.permissions import AddPromotionTable
from sirhp.content.permissions import DecidePromotions
from sirhp.content.permissions import ManagePromotionTables
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE

HR = ("Manager", "Site Administrator", "HRManager")
ROLES = {
    AddPromotionTable: HR,
    ManagePromotionTables: HR,
    DecidePromotions: HR,
}


def upgrade(context):
    """``context``: portal_setup."""
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    for permission, roles in ROLES.items():
        add_permission_roles(permission, roles)
    logger.info("promotion: workflow and permissions in place")
