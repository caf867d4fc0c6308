"""Evaluation campaigns and the training catalogue move from the agency
workflow to ``sirhp_hr_catalogue_workflow``: records clerks no longer
delete them (the agency workflow gives clerks "Delete objects" for their
drafts in files). The workflow step is re-imported from the profile
(definition and bindings); each existing campaign and course is put in the
new workflow's one state, its role mappings and security indexes updated.
Re-runnable and logged.
"""

from DateTime import DateTime
from plone import api
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE

WORKFLOW = "sirhp_hr_catalogue_workflow"
TYPES = ("EvaluationCampaign", "TrainingCourse")


def upgrade(context):
    """``context``: portal_setup."""
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    tool = api.portal.get_tool("portal_workflow")
    definition = tool[WORKFLOW]
    count = 0
    for brain in api.content.find(portal_type=list(TYPES)):
        obj = brain.getObject()
        if tool.getStatusOf(WORKFLOW, obj) is None:
            tool.setStatusOf(
                WORKFLOW,
                obj,
                {
                    "action": None,
                    "actor": None,
                    "comments": "",
                    "review_state": definition.initial_state,
                    "time": DateTime(),
                },
            )
        definition.updateRoleMappingsFor(obj)
        obj.reindexObject(idxs=["allowedRolesAndUsers", "review_state"])
        count += 1
    logger.info("access16: %s campaigns and courses under %s", count, WORKFLOW)
    return count
