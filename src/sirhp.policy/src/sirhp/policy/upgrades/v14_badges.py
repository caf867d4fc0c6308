"""The badge workflow's guards moved to the badge domain.

The guard expressions of ``sirhp_badge_workflow`` now name
``sirhp.policy.badges.workflow`` (they named ``sirhp.policy.workflow.guards``,
which no longer holds them: printing, issuing, expiring and revoking would
fail). The workflow step is re-imported from the profile. Guards only: no
permission changes, so no role mapping to update. Re-runnable; not wired to
a profile version here (the integrator does).
"""

from plone import api
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE

WORKFLOW = "sirhp_badge_workflow"


def upgrade(context):
    """``context``: portal_setup."""
    context.runImportStepFromProfile(PROFILE, "workflow")
    definition = api.portal.get_tool("portal_workflow")[WORKFLOW]
    for transition in definition.transitions.objectValues():
        logger.info(
            "%s %s: %s",
            WORKFLOW,
            transition.getId(),
            transition.getGuard().getExprText(),
        )
