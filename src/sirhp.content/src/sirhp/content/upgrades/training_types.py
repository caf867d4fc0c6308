"""Training: the ``TrainingCourse`` and ``TrainingSession`` types (in an
agency) and their permissions (Manager here; HR managers and auditors by
sirhp.policy). The types are imported from the profile (``typeinfo``: new
FTIs, and the agency's allowed types); the permissions are added to those
the site grants (the rolemap is not re-imported). Re-runnable and logged.
"""

from sirhp.content.permissions import AddTrainingCourse
from sirhp.content.permissions import AddTrainingSession
from sirhp.content.permissions import ManageTraining
from sirhp.content.permissions import ViewTrainingCoverage
from sirhp.content.upgrades import add_types

PERMISSIONS = (
    AddTrainingCourse,
    AddTrainingSession,
    ManageTraining,
    ViewTrainingCoverage,
)
TYPES = ("TrainingCourse", "TrainingSession")


def upgrade(context):
    """``context``: portal_setup."""
    add_types(context, "training", TYPES, PERMISSIONS)
