"""Change requests in their domain: the guards of ``sirhp_change_workflow``
moved from ``sirhp.policy.workflow.guards`` to
``sirhp.policy.changes.workflow``, and the workflow XML names the new module.

The workflow step is imported again from the profile. Only guard
expressions changed, no permission: existing objects keep their role
mappings (no ``updateRoleMappings``, which would walk every object for
nothing). Re-runnable and logged. Wired by the integrator (no profile
version of its own).
"""

from plone import api
from sirhp.policy import logger

PROFILE = "profile-sirhp.policy:default"
WORKFLOW = "sirhp_change_workflow"
GUARDED = ("approve", "reject", "withdraw")


def guard_expressions():
    """{transition id: guard expression} of the guarded change transitions."""
    workflow = api.portal.get_tool("portal_workflow")[WORKFLOW]
    return {
        transition_id: workflow.transitions[transition_id].getGuard().getExprText()
        for transition_id in GUARDED
    }


def upgrade(context):
    """Re-import the workflow definitions; returns the guard expressions."""
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    expressions = guard_expressions()
    for transition_id, expression in sorted(expressions.items()):
        logger.info("v14 (change requests): %s guard: %s", transition_id, expression)
    return expressions
