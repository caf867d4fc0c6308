"""The recruitment upgrades (content and policy ``recruitment_types``) on a
site of the previous profiles: no recruitment types, the agency not
allowing campaigns, no RecruitmentOfficer role nor recruitment groups, no
recruitment workflows, the permissions granted to nobody. Run twice
(re-runnable)."""

from plone import api
from sirhp.content.base.agencies import agencies
from sirhp.content.upgrades import recruitment_types as content_upgrade
from sirhp.policy import config
from sirhp.policy.upgrades import recruitment_types as policy_upgrade
from tests.upgrades import granted

WORKFLOWS = ("sirhp_recruitment_workflow", "sirhp_candidate_workflow")
TYPES = ("RecruitmentCampaign", "Candidate")


def test_recruitment_upgrades(portal, testdata):
    types = portal.portal_types
    wftool = portal.portal_workflow
    agency = portal["police-nationale"]
    with api.env.adopt_roles(["Manager"]):
        # the previous state
        types.manage_delObjects(list(TYPES))
        fti = types["Agency"]
        fti.manage_changeProperties(
            allowed_content_types=[
                t for t in fti.allowed_content_types if t != "RecruitmentCampaign"
            ]
        )
        wftool.manage_delObjects(list(WORKFLOWS))
        wftool.setChainForPortalTypes(list(TYPES), ())
        for permission in policy_upgrade.ROLES:
            portal.manage_permission(permission, [], True)
        for each in agencies():
            group = config.agency_group_id(each.getId(), "recruitment")
            each.manage_delLocalRoles([group])
            api.group.delete(groupname=group)
        portal._delRoles(["RecruitmentOfficer"])
        assert "RecruitmentOfficer" not in portal.valid_roles()
        for _run in range(2):
            content_upgrade.upgrade(portal.portal_setup)
            policy_upgrade.upgrade(portal.portal_setup)
    assert set(TYPES) <= set(types.objectIds())
    assert "RecruitmentCampaign" in types["Agency"].allowed_content_types
    assert wftool.getChainForPortalType("RecruitmentCampaign") == (WORKFLOWS[0],)
    assert wftool.getChainForPortalType("Candidate") == (WORKFLOWS[1],)
    assert "RecruitmentOfficer" in portal.valid_roles()
    for permission, roles in policy_upgrade.ROLES.items():
        assert set(roles) <= granted(portal, permission), permission
    group = "police-nationale-recruitment"
    assert agency.get_local_roles_for_userid(group) == ("RecruitmentOfficer",)
    api.group.add_user(groupname=group, username="recruiter.pn")
    # a recruitment officer adds a campaign again, under its workflow
    with api.env.adopt_user(username="recruiter.pn"):
        campaign = api.content.create(
            container=agency,
            type="RecruitmentCampaign",
            id="c",
            title="Concours",
            corps="sous-officiers",
            grade="agent",
            posts=1,
        )
    assert api.content.get_state(campaign) == "draft"
