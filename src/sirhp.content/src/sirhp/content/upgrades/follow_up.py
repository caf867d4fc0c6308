"""Campaign follow-up: the permission ``sirhp: View campaign follow-up``
(``@campaign-status`` and the page ``@@suivi-campagne``; Manager here, HR
managers and auditors by sirhp.policy). Re-runnable and logged.
"""

from sirhp.content.permissions import ViewCampaignFollowUp
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger


def upgrade(context):
    """``context``: portal_setup."""
    add_permission_roles(ViewCampaignFollowUp, ("Manager",))
    logger.info("sirhp.content: %s granted to Manager", ViewCampaignFollowUp)
