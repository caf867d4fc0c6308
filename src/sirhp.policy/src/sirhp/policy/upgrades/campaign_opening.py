"""Opening a campaign: HR managers (on their agency) create its evaluations
in one action (``sirhp: Open evaluation campaign``). Re-runnable and
logged."""

from sirhp.content.permissions import OpenEvaluationCampaign
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.upgrades import logger

ROLES = ("Manager", "Site Administrator", "HRManager")


def upgrade(context):
    """``context``: portal_setup."""
    add_permission_roles(OpenEvaluationCampaign, ROLES)
    logger.info("sirhp.policy: %s granted to %s", OpenEvaluationCampaign, ROLES)
