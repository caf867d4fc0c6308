"""1007 -> 1008: workflow guards in their domain.

The guard expressions of ``sirhp_badge_workflow`` name
``sirhp.policy.badges.workflow`` and those of ``sirhp_change_workflow``
``sirhp.policy.changes.workflow`` (both named ``sirhp.policy.workflow.guards``,
which no longer holds them: printing a badge or approving a request would
fail). The workflow step is imported again from the profile. Guards only, no
permission: objects keep their role mappings (no ``updateRoleMappings``,
which would walk every object for nothing). Re-runnable and logged.

Take a backup first (docs/operations.md).
"""

from plone import api
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE

WORKFLOWS = ("sirhp_badge_workflow", "sirhp_change_workflow")


def guard_expressions(workflow_id):
    """{transition id: guard expression} of the guarded transitions."""
    workflow = api.portal.get_tool("portal_workflow")[workflow_id]
    guards = {}
    for transition in workflow.transitions.objectValues():
        guard = transition.getGuard()
        if guard.getExprText():
            guards[transition.getId()] = guard.getExprText()
    return guards


def upgrade(context):
    """``context``: portal_setup. Returns {workflow: {transition: guard}}."""
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    guards = {workflow_id: guard_expressions(workflow_id) for workflow_id in WORKFLOWS}
    for workflow_id, expressions in guards.items():
        for transition_id, expression in sorted(expressions.items()):
            logger.info("1008: %s %s: %s", workflow_id, transition_id, expression)
    logger.info("sirhp.policy upgraded to 1008 (workflow guards in their domain)")
    return guards
