"""Policy 1011 -> 1012 on a site of the previous profile: HR managers may
open an evaluation campaign (re-runnable)."""

from plone import api
from sirhp.content.permissions import OpenEvaluationCampaign
from tests.upgrades import granted
from tests.upgrades import latest

POLICY = "sirhp.policy:default"


def test_from_1011(portal):
    setup = portal.portal_setup
    with api.env.adopt_roles(["Manager"]):
        portal.manage_permission(OpenEvaluationCampaign, [], True)
        assert "HRManager" not in granted(portal, OpenEvaluationCampaign)
        for _ in range(2):  # re-runnable
            setup.setLastVersionForProfile(POLICY, "1011")
            setup.upgradeProfile(POLICY)
    assert setup.getLastVersionForProfile(POLICY) == latest(setup, POLICY)
    # 1012 granted it to the site administrators too; 1015 takes it back
    assert granted(portal, OpenEvaluationCampaign) == {"HRManager", "Manager"}
