"""access16: campaigns and courses of an existing site leave the agency
workflow for sirhp_hr_catalogue_workflow; clerks lose "Delete objects" on
them, readers keep reading them. Re-runnable."""

from datetime import date
from plone import api
from plone.app.testing import login
from sirhp.content.evaluation import api as evaluation_api
from sirhp.policy.upgrades.access16 import TYPES
from sirhp.policy.upgrades.access16 import upgrade
from sirhp.policy.upgrades.access16 import WORKFLOW

DELETE = "Delete objects"


def _objects(portal):
    agency = portal["police-nationale"]
    login(portal, "hrmanager.pn")
    campaign = evaluation_api.create_campaign(
        agency=agency,
        year=2026,
        grid={"discipline": 100},
        evaluation_deadline=date(2026, 12, 15),
    )
    course = api.content.create(
        container=agency,
        type="TrainingCourse",
        id="proximite",
        title="Police de proximité",
        code="PROX",
        domain="proximity",
        hours=20,
    )
    return campaign, course


def _may(user, permission, obj):
    return bool(api.user.has_permission(permission, username=user, obj=obj))


def test_upgrade_moves_campaigns_and_courses(portal, testdata):
    objects = _objects(portal)
    tool = api.portal.get_tool("portal_workflow")
    # before: both types under the agency workflow, no catalogue workflow
    tool.setChainForPortalTypes(list(TYPES), ("sirhp_agency_workflow",))
    tool.manage_delObjects([WORKFLOW])
    for obj in objects:
        tool["sirhp_agency_workflow"].updateRoleMappingsFor(obj)
        assert _may("clerk.pn", DELETE, obj)
    for _run in range(2):  # re-runnable
        assert upgrade(portal.portal_setup) >= 2
        for portal_type in TYPES:
            assert tool.getChainForPortalType(portal_type) == (WORKFLOW,)
        for obj in objects:
            assert api.content.get_state(obj) == "internal"
            assert not _may("clerk.pn", DELETE, obj)
            assert _may("hrmanager.pn", DELETE, obj)
            assert _may("clerk.pn", "View", obj)
            assert not _may("commander.pn", "View", obj)
            assert not _may("hrmanager.ocs", "View", obj)
