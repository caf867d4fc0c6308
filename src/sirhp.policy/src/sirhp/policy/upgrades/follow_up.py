"""Campaign follow-up: HR managers (on their agency) and auditors see a
campaign's completion, late evaluations and rater statistics (``sirhp:
View campaign follow-up``). Re-runnable and logged.
"""

from sirhp.content.permissions import ViewCampaignFollowUp
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.upgrades import logger

ROLES = ("Manager", "Site Administrator", "HRManager", "Auditor")


def upgrade(context):
    """``context``: portal_setup."""
    add_permission_roles(ViewCampaignFollowUp, ROLES)
    logger.info("sirhp.policy: %s granted to %s", ViewCampaignFollowUp, ROLES)
