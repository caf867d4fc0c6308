"""Leave and absences: ``sirhp_leave_workflow`` bound to LeaveRequest, and
``sirhp: Add LeaveRequest`` set per state by the record workflow (validated
files: the officer, records clerks). The workflow step re-imports every
SIRHP workflow (as 1008 did); the role mappings of existing files are then
updated. Re-runnable and logged.
"""

from plone import api
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE


def upgrade(context):
    """``context``: portal_setup. Returns the number of objects whose role
    mappings were updated."""
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("sirhp.policy: leave workflow, %s role mappings updated", count)
    return count
