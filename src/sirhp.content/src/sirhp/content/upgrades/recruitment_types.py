"""Recruitment: the ``RecruitmentCampaign`` (in an agency) and
``Candidate`` (in a campaign) types and their permissions (Manager here;
recruitment officers, HR managers and auditors by sirhp.policy's
``recruitment_types``). The types are imported from the profile
(``typeinfo``: the new FTIs, the agency's allowed types); the permissions
are added to those the site grants (the rolemap is not re-imported).
Re-runnable and logged.
"""

from plone import api
from sirhp.content.permissions import AddCandidate
from sirhp.content.permissions import AddRecruitmentCampaign
from sirhp.content.permissions import ManageRecruitment
from sirhp.content.permissions import ViewRecruitmentStatistics
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import PROFILE

PERMISSIONS = (
    AddRecruitmentCampaign,
    AddCandidate,
    ManageRecruitment,
    ViewRecruitmentStatistics,
)
TYPES = ("RecruitmentCampaign", "Candidate")


def upgrade(context):
    """``context``: portal_setup."""
    context.runImportStepFromProfile(PROFILE, "typeinfo", run_dependencies=False)
    for permission in PERMISSIONS:
        add_permission_roles(permission, ("Manager",))
    types = api.portal.get_tool("portal_types")
    logger.info(
        "recruitment: types %s (agency allows campaigns: %s)",
        [name for name in TYPES if name in types],
        "RecruitmentCampaign" in types["Agency"].allowed_content_types,
    )
