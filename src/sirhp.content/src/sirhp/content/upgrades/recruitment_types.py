"""Recruitment: the ``RecruitmentCampaign`` (in an agency) and
``Candidate`` (in a campaign) types and their permissions (Manager here;
recruitment officers, HR managers and auditors by sirhp.policy's
``recruitment_types``). The types are imported from the profile
(``typeinfo``: the new FTIs, the agency's allowed types); the permissions
are added to those the site grants (the rolemap is not re-imported).
Re-runnable and logged.
"""

from sirhp.content.permissions import AddCandidate
from sirhp.content.permissions import AddRecruitmentCampaign
from sirhp.content.permissions import ManageRecruitment
from sirhp.content.permissions import ViewRecruitmentStatistics
from sirhp.content.upgrades import add_types

PERMISSIONS = (
    AddRecruitmentCampaign,
    AddCandidate,
    ManageRecruitment,
    ViewRecruitmentStatistics,
)
TYPES = ("RecruitmentCampaign", "Candidate")


def upgrade(context):
    """``context``: portal_setup."""
    add_types(context, "recruitment", TYPES, PERMISSIONS)
