"""Leave requests on a site made before: the type, its indexes and metadata
(sirhp.content), its workflow and ``sirhp: Add LeaveRequest`` on validated
files (sirhp.policy)."""

from plone import api
from sirhp.content.upgrades.careers_leave import COLUMNS
from sirhp.content.upgrades.careers_leave import INDEXES
from sirhp.content.upgrades.careers_leave import upgrade as upgrade_content
from sirhp.policy.upgrades.careers_leave import upgrade as upgrade_policy

ADD = "sirhp: Add LeaveRequest"


def _previous_content_state(portal):
    types = api.portal.get_tool("portal_types")
    types.manage_delObjects(["LeaveRequest"])
    file_fti = types.getTypeInfo("PersonnelFile")
    file_fti.manage_changeProperties(
        allowed_content_types=[
            name for name in file_fti.allowed_content_types if name != "LeaveRequest"
        ]
    )
    catalog = api.portal.get_tool("portal_catalog")
    for name in INDEXES:
        catalog.delIndex(name)
    for name in COLUMNS:
        catalog.delColumn(name)


def test_content_upgrade_adds_type_and_indexes(portal):
    _previous_content_state(portal)
    catalog = api.portal.get_tool("portal_catalog")
    assert "leave_start" not in catalog.indexes()
    for _run in range(2):  # re-runnable
        allowed = upgrade_content(portal.portal_setup)
        assert "LeaveRequest" in allowed
        fti = api.portal.get_tool("portal_types").getTypeInfo("LeaveRequest")
        assert fti.klass == "sirhp.content.leave.content.LeaveRequest"
        assert fti.add_permission == "sirhp.content.AddLeaveRequest"
        for name in INDEXES:
            assert catalog._catalog.getIndex(name).meta_type == "DateIndex"
        assert set(COLUMNS) <= set(catalog.schema())


def test_policy_upgrade_binds_workflow_and_grants_add(portal, testdata):
    workflow = api.portal.get_tool("portal_workflow")
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    officer = testdata.FILES["pn_validated"]
    # before: no leave workflow, nobody may add leave on a file
    workflow.setChainForPortalTypes(["LeaveRequest"], ())
    workflow.manage_delObjects(["sirhp_leave_workflow"])
    record = workflow["sirhp_record_workflow"]
    record.permissions = tuple(p for p in record.permissions if p != ADD)
    for state in record.states.objectValues():
        if ADD in (state.permission_roles or {}):
            del state.permission_roles[ADD]
    file.manage_permission(ADD, roles=["Manager"], acquire=True)
    assert not api.user.has_permission(ADD, username=officer, obj=file)
    for _run in range(2):  # re-runnable
        assert upgrade_policy(portal.portal_setup) >= 0
        assert workflow.getChainForPortalType("LeaveRequest") == (
            "sirhp_leave_workflow",
        )
        assert "cancel" in workflow["sirhp_leave_workflow"].transitions.objectIds()
        assert api.user.has_permission(ADD, username=officer, obj=file)
        assert api.user.has_permission(ADD, username="clerk.pn", obj=file)
        assert not api.user.has_permission(ADD, username="commander.pn", obj=file)
