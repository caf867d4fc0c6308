"""Who opens an evaluation campaign: HR managers only. Opening adds an
evaluation in every file of the population, which the record workflow lets
only HR managers do (``sirhp: Add Evaluation``); the site administrators
held ``sirhp: Open evaluation campaign`` but were refused at the first file.
Re-runnable and logged."""

from sirhp.content.permissions import OpenEvaluationCampaign
from sirhp.content.upgrades import remove_permission_roles
from sirhp.policy.upgrades import logger

ROLES = ("Site Administrator",)


def upgrade(context):
    """``context``: portal_setup."""
    removed = remove_permission_roles(OpenEvaluationCampaign, ROLES)
    logger.info("sirhp.policy: %s taken from %s", OpenEvaluationCampaign, removed)
