"""Deployment lists: ``sirhp_deployment_list_workflow`` and its binding
to ``DeploymentList`` (workflow step re-imported: definitions and bindings;
no existing object changes workflow), then the role mappings updated.
Re-runnable and logged.
"""

from plone import api
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE

WORKFLOW = "sirhp_deployment_list_workflow"


def upgrade(context):
    """Import the deployment list workflow.

    :param context: ``portal_setup``.
    """
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    workflow_tool = api.portal.get_tool("portal_workflow")
    count = workflow_tool.updateRoleMappings()
    logger.info(
        "deployment lists: %s bound to %s; %d role mappings updated",
        WORKFLOW,
        ",".join(workflow_tool.getChainForPortalType("DeploymentList")),
        count,
    )
