"""The training upgrades (content ``training_types``, policy
``training_workflow``) on a site made before: no training types, the agency
not allowing them, no training workflow, the permissions granted to
nobody. Run twice (re-runnable)."""

from plone import api
from sirhp.content.permissions import AddTrainingSession
from sirhp.content.permissions import ViewTrainingCoverage
from sirhp.content.upgrades import training_types
from sirhp.policy.upgrades import training_workflow

WORKFLOW = "sirhp_training_workflow"


def _roles(portal, permission):
    return {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}


def test_training_upgrades(portal):
    types = portal.portal_types
    wftool = portal.portal_workflow
    with api.env.adopt_roles(["Manager"]):
        types.manage_delObjects(["TrainingCourse", "TrainingSession"])
        agency = types["Agency"]
        agency.manage_changeProperties(
            allowed_content_types=[
                t for t in agency.allowed_content_types if t not in training_types.TYPES
            ]
        )
        wftool.manage_delObjects([WORKFLOW])
        wftool.setChainForPortalTypes(["TrainingSession"], ())
        portal.manage_permission(AddTrainingSession, [], True)
        portal.manage_permission(ViewTrainingCoverage, [], True)
        for _run in range(2):
            training_types.upgrade(portal.portal_setup)
            training_workflow.upgrade(portal.portal_setup)
    assert {"TrainingCourse", "TrainingSession"} <= set(types.objectIds())
    assert {"TrainingCourse", "TrainingSession"} <= set(
        types["Agency"].allowed_content_types
    )
    assert wftool.getChainForPortalType("TrainingSession") == (WORKFLOW,)
    assert {"HRManager", "Site Administrator"} <= _roles(portal, AddTrainingSession)
    assert {"HRManager", "Auditor"} <= _roles(portal, ViewTrainingCoverage)
    # a session can be planned again, under its workflow
    agency_obj = portal["police-nationale"]
    with api.env.adopt_user(username="hrmanager.pn"):
        session = api.content.create(
            container=agency_obj, type="TrainingSession", id="s", title="Session"
        )
    assert api.content.get_state(session) == "planned"
