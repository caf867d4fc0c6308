"""Training: ``sirhp_training_workflow`` (planned, results recorded, closed
by another person) bound to sessions, courses under the agency workflow;
HR managers plan sessions and courses, HR managers and auditors see the
coverage. The workflows are re-imported from the profile (definitions and
bindings; no existing object changes workflow); the roles are added to
those the site grants. Re-runnable and logged.
"""

from sirhp.content.permissions import AddTrainingCourse
from sirhp.content.permissions import AddTrainingSession
from sirhp.content.permissions import ViewTrainingCoverage
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE

ROLES = {
    AddTrainingCourse: ("Manager", "Site Administrator", "HRManager"),
    AddTrainingSession: ("Manager", "Site Administrator", "HRManager"),
    ViewTrainingCoverage: ("Manager", "Site Administrator", "HRManager", "Auditor"),
}


def upgrade(context):
    """``context``: portal_setup."""
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    for permission, roles in ROLES.items():
        add_permission_roles(permission, roles)
    logger.info("training: workflow and permissions in place")
