"""Training: the ``TrainingCourse`` and ``TrainingSession`` types (in an
agency) and their permissions (Manager here; HR managers and auditors by
sirhp.policy). The types are imported from the profile (``typeinfo``: new
FTIs, and the agency's allowed types); the permissions are added to those
the site grants (the rolemap is not re-imported). Re-runnable and logged.
"""

from plone import api
from sirhp.content.permissions import AddTrainingCourse
from sirhp.content.permissions import AddTrainingSession
from sirhp.content.permissions import ManageTraining
from sirhp.content.permissions import ViewTrainingCoverage
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import PROFILE

PERMISSIONS = (
    AddTrainingCourse,
    AddTrainingSession,
    ManageTraining,
    ViewTrainingCoverage,
)
TYPES = ("TrainingCourse", "TrainingSession")


def upgrade(context):
    """``context``: portal_setup."""
    context.runImportStepFromProfile(PROFILE, "typeinfo", run_dependencies=False)
    for permission in PERMISSIONS:
        add_permission_roles(permission, ("Manager",))
    types = api.portal.get_tool("portal_types")
    logger.info(
        "training: types %s; the agency allows %s",
        ", ".join(name for name in TYPES if name in types),
        ", ".join(
            name for name in TYPES if name in types["Agency"].allowed_content_types
        ),
    )
