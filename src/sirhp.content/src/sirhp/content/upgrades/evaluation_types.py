"""Annual evaluation: types EvaluationCampaign (allowed in agencies) and
Evaluation (allowed in personnel files), their add permissions, ``sirhp:
Evaluate`` and ``sirhp: Field: read evaluation marks``. No index, no
metadata (marks are never catalog metadata). Re-runnable and logged; the
workflow is sirhp.policy's (``upgrades/evaluation_types.py``).
"""

from plone import api
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import PROFILE

TYPES = ("EvaluationCampaign", "Evaluation")


def upgrade(context):
    """``context``: portal_setup. Returns ``{container type: allowed types}``
    of Agency and PersonnelFile."""
    context.runImportStepFromProfile(PROFILE, "typeinfo", run_dependencies=False)
    context.runImportStepFromProfile(PROFILE, "rolemap", run_dependencies=False)
    types = api.portal.get_tool("portal_types")
    allowed = {
        name: tuple(types.getTypeInfo(name).allowed_content_types)
        for name in ("Agency", "PersonnelFile")
    }
    logger.info("sirhp.content: evaluation types (allowed: %s)", allowed)
    return allowed
