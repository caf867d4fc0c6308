"""Policy 1014 -> 1015 through portal_setup on a site of the previous
profile: the site administrators no longer hold ``sirhp: Open evaluation
campaign`` (they could not add the evaluations); HR managers still do, and
what an administrator set on the permission for another role stays; twice
(re-runnable)."""

from plone import api
from sirhp.content.permissions import OpenEvaluationCampaign
from tests.upgrades import granted
from tests.upgrades import latest

POLICY = "sirhp.policy:default"


def test_from_the_previous_profile(portal):
    setup = portal.portal_setup
    with api.env.adopt_roles(["Manager"]):
        # the 1014 rolemap, and a role an administrator added since
        portal.manage_permission(
            OpenEvaluationCampaign,
            ["Manager", "Site Administrator", "HRManager", "Auditor"],
            True,
        )
        for _ in range(2):
            setup.setLastVersionForProfile(POLICY, "1014")
            assert [s["sdest"] for s in setup.listUpgrades(POLICY)] == ["1015", "1016"]
            setup.upgradeProfile(POLICY)
            assert granted(portal, OpenEvaluationCampaign) == {
                "Manager",
                "HRManager",
                "Auditor",
            }
    assert setup.getLastVersionForProfile(POLICY) == latest(setup, POLICY)
    agency = portal["police-nationale"]
    assert api.user.has_permission(
        OpenEvaluationCampaign, username="hrmanager.pn", obj=agency
    )
    assert not api.user.has_permission(
        OpenEvaluationCampaign, username="siteadmin", obj=agency
    )


def test_a_new_site_has_what_the_upgrade_gives(portal):
    assert granted(portal, OpenEvaluationCampaign) == {"Manager", "HRManager"}
