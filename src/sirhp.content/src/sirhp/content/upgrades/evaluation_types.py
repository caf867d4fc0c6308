"""Annual evaluation: types EvaluationCampaign (allowed in agencies) and
Evaluation (allowed in personnel files), their add permissions, ``sirhp:
Evaluate`` and ``sirhp: Field: read evaluation marks``. No index, no
metadata (marks are never catalog metadata). The roles are added to those
the site grants (the rolemap is not re-imported: it would reset what
administrators set on other permissions). Re-runnable and logged; the
workflow is sirhp.policy's (``upgrades/evaluation_types.py``).
"""

from plone import api
from sirhp.content.permissions import AddEvaluation
from sirhp.content.permissions import AddEvaluationCampaign
from sirhp.content.permissions import EvaluateOfficer
from sirhp.content.permissions import ReadEvaluationMarks
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import PROFILE

TYPES = ("EvaluationCampaign", "Evaluation")
# as rolemap.xml
ROLES = {
    AddEvaluationCampaign: ("Manager", "HRManager"),
    AddEvaluation: ("Manager", "HRManager"),
    EvaluateOfficer: ("Manager",),
    ReadEvaluationMarks: ("Manager",),
}


def upgrade(context):
    """``context``: portal_setup. Returns ``{container type: allowed types}``
    of Agency and PersonnelFile."""
    context.runImportStepFromProfile(PROFILE, "typeinfo", run_dependencies=False)
    for permission, roles in ROLES.items():
        add_permission_roles(permission, roles)
    types = api.portal.get_tool("portal_types")
    allowed = {
        name: tuple(types.getTypeInfo(name).allowed_content_types)
        for name in ("Agency", "PersonnelFile")
    }
    logger.info("sirhp.content: evaluation types (allowed: %s)", allowed)
    return allowed
