"""Content 1011 -> 1012 and policy 1013 -> 1014 through portal_setup on a
site of the previous profiles: work lists, agencies by configuration,
SIRHP's screens and reads that write nothing; twice (re-runnable), and the
site is at the latest versions with the new state."""

from plone import api
from sirhp.content.permissions import AddAgency
from sirhp.content.permissions import SubmitWithRecords
from sirhp.content.permissions import ValidateWithRecords
from tests.upgrades import latest

CONTENT = "sirhp.content:default"
POLICY = "sirhp.policy:default"


def _previous_state(portal):
    """What the previous profiles left: no grouped actions, agencies added
    by Managers only, the toolbar for every user, no ``last_actor``."""
    portal.manage_permission(SubmitWithRecords, [], True)
    portal.manage_permission(ValidateWithRecords, [], True)
    portal.manage_permission(AddAgency, ["Manager"], False)
    portal.manage_permission("Show Toolbar", ["Authenticated"], False)
    portal.portal_catalog.delColumn("last_actor")


def test_from_the_previous_profiles(portal, testdata):
    setup = portal.portal_setup
    with api.env.adopt_roles(["Manager"]):
        _previous_state(portal)
        for _ in range(2):
            setup.setLastVersionForProfile(CONTENT, "1011")
            setup.setLastVersionForProfile(POLICY, "1013")
            assert [s["sdest"] for s in setup.listUpgrades(CONTENT)] == ["1012", "1013"]
            assert [s["sdest"] for s in setup.listUpgrades(POLICY)] == [
                "1014",
                "1015",
                "1016",
            ]
            setup.upgradeProfile(CONTENT)
            setup.upgradeProfile(POLICY)
    assert setup.getLastVersionForProfile(CONTENT) == latest(setup, CONTENT)
    assert setup.getLastVersionForProfile(POLICY) == latest(setup, POLICY)
    assert "last_actor" in portal.portal_catalog.schema()
    agency = portal["police-nationale"]
    assert api.user.has_permission(SubmitWithRecords, username="clerk.pn", obj=agency)
    assert api.user.has_permission(
        ValidateWithRecords, username="reviewer.pn", obj=agency
    )
    assert api.user.has_permission(AddAgency, username="siteadmin", obj=portal)
    assert not api.user.has_permission("Show Toolbar", username="clerk.pn", obj=portal)
    assert api.user.has_permission("Show Toolbar", username="siteadmin", obj=portal)
