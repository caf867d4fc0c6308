"""Leave and absences: type LeaveRequest (allowed in personnel files), its
add permission and attachment read permission, the ``leave_start`` and
``leave_end`` indexes and the leave metadata. No leave request exists on a
site before this step, so the new indexes need no reindexing. Re-runnable
and logged; the workflow is sirhp.policy's (``upgrades/careers_leave.py``).
"""

from plone import api
from sirhp.content.upgrades import add_date_index
from sirhp.content.upgrades import add_indexes
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import PROFILE

INDEXES = ("leave_start", "leave_end")
COLUMNS = ("leave_type", "leave_start", "leave_end")


def upgrade(context):
    """``context``: portal_setup. Returns the allowed types of PersonnelFile."""
    context.runImportStepFromProfile(PROFILE, "typeinfo", run_dependencies=False)
    context.runImportStepFromProfile(PROFILE, "rolemap", run_dependencies=False)
    for name in INDEXES:
        add_date_index(name)
    add_indexes((), COLUMNS)
    allowed = api.portal.get_tool("portal_types").getTypeInfo("PersonnelFile")
    allowed = tuple(allowed.allowed_content_types)
    logger.info("sirhp.content: leave requests (allowed in files: %s)", allowed)
    return allowed
