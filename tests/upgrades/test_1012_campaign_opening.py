"""Policy 1011 -> 1012 on a site of the previous profile: HR managers may
open an evaluation campaign (re-runnable)."""

from plone import api
from sirhp.content.permissions import OpenEvaluationCampaign
from tests.upgrades import latest

POLICY = "sirhp.policy:default"


def _roles(portal):
    return {
        r["name"]
        for r in portal.rolesOfPermission(OpenEvaluationCampaign)
        if r["selected"]
    }


def test_from_1011(portal):
    setup = portal.portal_setup
    with api.env.adopt_roles(["Manager"]):
        portal.manage_permission(OpenEvaluationCampaign, [], True)
        assert "HRManager" not in _roles(portal)
        for _ in range(2):  # re-runnable
            setup.setLastVersionForProfile(POLICY, "1011")
            setup.upgradeProfile(POLICY)
    assert setup.getLastVersionForProfile(POLICY) == latest(setup, POLICY)
    assert {"HRManager", "Manager", "Site Administrator"} <= _roles(portal)
    assert "Auditor" not in _roles(portal)
