"""Evaluation and promotion as one step each: content 1008 -> 1009 and policy
1010 -> 1011 bring a site of the previous profiles to the new state (each
part is tested alone: test_evaluation_marks (in tests/evaluation), and
test_access16): the follow-up permission granted to HR managers and
auditors, campaigns under the HR catalogue workflow."""

from plone import api
from sirhp.content.evaluation.marks import INDEXES
from sirhp.content.permissions import ViewCampaignFollowUp
from tests.upgrades import latest

CONTENT = "sirhp.content:default"
POLICY = "sirhp.policy:default"


def _roles(portal, permission):
    return {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}


def test_both_steps_from_the_previous_profiles(portal):
    setup = portal.portal_setup
    catalog = portal.portal_catalog
    with api.env.adopt_roles(["Manager"]):
        for name in INDEXES:
            catalog.delIndex(name)
        portal.manage_permission(ViewCampaignFollowUp, [], True)
        setup.setLastVersionForProfile(CONTENT, "1008")
        setup.setLastVersionForProfile(POLICY, "1010")
        for _ in range(2):  # re-runnable
            setup.upgradeProfile(CONTENT)
            setup.upgradeProfile(POLICY)
            setup.setLastVersionForProfile(CONTENT, "1008")
            setup.setLastVersionForProfile(POLICY, "1010")
        setup.upgradeProfile(CONTENT)
        setup.upgradeProfile(POLICY)
    assert setup.getLastVersionForProfile(CONTENT) == latest(setup, CONTENT)
    assert setup.getLastVersionForProfile(POLICY) == latest(setup, POLICY)
    assert set(INDEXES) <= set(catalog.indexes())
    assert {"HRManager", "Auditor", "Manager", "Site Administrator"} <= _roles(
        portal, ViewCampaignFollowUp
    )
    assert "Member" not in _roles(portal, ViewCampaignFollowUp)
