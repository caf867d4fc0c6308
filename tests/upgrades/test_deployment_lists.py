"""The deployment lists' upgrade functions on a site of the previous state:
no DeploymentList type, index, workflow nor permission default. Both run
twice (re-runnable); a list can then be saved and is bound to its
workflow."""

from datetime import date
from plone import api
from plone.app.testing import login
from sirhp.content.deployment import lists
from sirhp.content.permissions import ManageDeploymentLists
from sirhp.content.upgrades import deployment_lists as content_step
from sirhp.policy.upgrades import deployment_lists as policy_step
from tests.deployment.conftest import set_known


def test_upgrade_from_the_previous_state(portal, testdata):
    set_known(portal, testdata)
    setup, catalog = portal.portal_setup, portal.portal_catalog
    types, workflow = portal.portal_types, portal.portal_workflow
    with api.env.adopt_roles(["Manager"]):
        types.manage_delObjects(["DeploymentList"])
        agency_fti = types["Agency"]
        agency_fti.allowed_content_types = tuple(
            t for t in agency_fti.allowed_content_types if t != "DeploymentList"
        )
        catalog.delIndex("deployment_members")
        workflow.setChainForPortalTypes(["DeploymentList"], ())
        workflow.manage_delObjects(["sirhp_deployment_list_workflow"])
        portal.manage_permission(ManageDeploymentLists, [], True)
        for _ in range(2):
            content_step.upgrade(setup)
            policy_step.upgrade(setup)
    assert "DeploymentList" in types.objectIds()
    assert "DeploymentList" in types["Agency"].allowed_content_types
    assert catalog._catalog.getIndex("deployment_members").meta_type == "KeywordIndex"
    assert workflow.getChainForPortalType("DeploymentList") == (
        "sirhp_deployment_list_workflow",
    )
    assert "Manager" in {
        r["name"]
        for r in portal.rolesOfPermission(ManageDeploymentLists)
        if r["selected"]
    }
    login(portal, "hrmanager.pn")
    saved = lists.save(
        context=portal["police-nationale"],
        title="Liste",
        purpose="Objet",
        start=date(2026, 11, 9),
        end=date(2026, 11, 10),
        notify=True,
        query={"language": "bm"},
        today=date(2026, 11, 1),
    )
    assert api.content.get_state(obj=saved) == "draft"
    assert catalog.unrestrictedSearchResults(deployment_members=saved.members[0])
