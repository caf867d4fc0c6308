"""Annual evaluation: ``sirhp_evaluation_workflow`` bound to Evaluation,
``sirhp_agency_workflow`` to EvaluationCampaign. The workflow step
re-imports every SIRHP workflow (as 1008 did); role mappings are then
updated. Run after sirhp.content's ``upgrades/evaluation_types.py`` (the
types). Re-runnable and logged.
"""

from plone import api
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE


def upgrade(context):
    """``context``: portal_setup. Returns the number of objects whose role
    mappings were updated."""
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("sirhp.policy: evaluation workflow, %s role mappings updated", count)
    return count
