"""Annual evaluation on a site made before: the types and their
permissions (sirhp.content), the evaluation workflow (sirhp.policy)."""

from plone import api
from sirhp.content.upgrades.evaluation_types import TYPES
from sirhp.content.upgrades.evaluation_types import upgrade as upgrade_content
from sirhp.policy.upgrades.evaluation_types import upgrade as upgrade_policy


def _previous_content_state(portal):
    types = api.portal.get_tool("portal_types")
    types.manage_delObjects(list(TYPES))
    for container in ("Agency", "PersonnelFile"):
        fti = types.getTypeInfo(container)
        fti.manage_changeProperties(
            allowed_content_types=[
                name for name in fti.allowed_content_types if name not in TYPES
            ]
        )


def test_content_upgrade_adds_types(portal):
    _previous_content_state(portal)
    types = api.portal.get_tool("portal_types")
    assert types.getTypeInfo("Evaluation") is None
    for _run in range(2):  # re-runnable
        allowed = upgrade_content(portal.portal_setup)
        assert "EvaluationCampaign" in allowed["Agency"]
        assert "Evaluation" in allowed["PersonnelFile"]
        fti = types.getTypeInfo("Evaluation")
        assert fti.klass == "sirhp.content.evaluation.content.Evaluation"
        assert fti.add_permission == "sirhp.content.AddEvaluation"
        campaign = types.getTypeInfo("EvaluationCampaign")
        assert campaign.klass == "sirhp.content.evaluation.content.EvaluationCampaign"
    agency = portal["police-nationale"]
    assert api.user.has_permission(
        "sirhp: Add EvaluationCampaign", username="hrmanager.pn", obj=agency
    )
    assert not api.user.has_permission(
        "sirhp: Add EvaluationCampaign", username="clerk.pn", obj=agency
    )


ADD = "sirhp: Add Evaluation"


def test_policy_upgrade_binds_workflow(portal, testdata):
    workflow = api.portal.get_tool("portal_workflow")
    validated = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    draft = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    # before: no evaluation workflow, the add permission not set per state
    workflow.setChainForPortalTypes(list(TYPES), ())
    workflow.manage_delObjects(["sirhp_evaluation_workflow"])
    record = workflow["sirhp_record_workflow"]
    record.permissions = tuple(p for p in record.permissions if p != ADD)
    for state in record.states.objectValues():
        if ADD in (state.permission_roles or {}):
            del state.permission_roles[ADD]
    for file in (validated, draft):
        file.manage_permission(ADD, roles=["Manager"], acquire=True)
    for _run in range(2):  # re-runnable
        assert upgrade_policy(portal.portal_setup) >= 0
        assert workflow.getChainForPortalType("Evaluation") == (
            "sirhp_evaluation_workflow",
        )
        assert workflow.getChainForPortalType("EvaluationCampaign") == (
            "sirhp_hr_catalogue_workflow",  # the profile of today (access16)
        )
        transitions = workflow["sirhp_evaluation_workflow"].transitions.objectIds()
        assert {
            "submit",
            "acknowledge",
            "contest",
            "lapse",
            "revise",
            "validate",
        } <= set(transitions)
