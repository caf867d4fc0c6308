"""Recruitment: the ``RecruitmentOfficer`` role, each agency's
``<agency>-recruitment`` group holding it on its Agency, the recruitment
permissions granted (recruitment officers, HR managers and administrators;
auditors read the statistics), ``sirhp_recruitment_workflow`` bound to
campaigns and ``sirhp_candidate_workflow`` to candidates. The workflows are
re-imported from the profile (no existing object changes workflow); the
role and permissions are added to what the site has (the rolemap is not
re-imported). Re-runnable and logged.
"""

from plone import api
from sirhp.content.base.agencies import agencies as site_agencies
from sirhp.content.permissions import AddCandidate
from sirhp.content.permissions import AddRecruitmentCampaign
from sirhp.content.permissions import ManageRecruitment
from sirhp.content.permissions import ViewRecruitmentStatistics
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.agencies.setup import ensure_groups
from sirhp.policy.agencies.setup import grant_agency_roles
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE

ROLE = "RecruitmentOfficer"
MANAGERS = ("Manager", "Site Administrator", "HRManager", ROLE)
ROLES = {
    AddRecruitmentCampaign: MANAGERS,
    AddCandidate: MANAGERS,
    ManageRecruitment: MANAGERS,
    ViewRecruitmentStatistics: (*MANAGERS, "Auditor"),
}


def upgrade(context):
    """``context``: portal_setup."""
    portal = api.portal.get()
    if ROLE not in portal.valid_roles():
        portal._addRole(ROLE)
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    for permission, roles in ROLES.items():
        add_permission_roles(permission, roles)
    agencies = site_agencies()
    for agency in agencies:
        ensure_groups(agency)
        grant_agency_roles(agency)
    logger.info(
        "recruitment: role %s, workflows and permissions in place; %d agencies "
        "grant it to their recruitment group",
        ROLE,
        len(agencies),
    )
