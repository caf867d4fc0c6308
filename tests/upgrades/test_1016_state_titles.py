"""Policy 1015 -> 1016 through portal_setup on a site of the previous
profile: the evaluation state waiting for the officer gets its French title
back from "À prendre en connaissance", the other states keep theirs (one an
administrator renamed too); twice (re-runnable)."""

from plone import api
from tests.upgrades import latest

POLICY = "sirhp.policy:default"
WORKFLOW = "sirhp_evaluation_workflow"


def _states(portal):
    return api.portal.get_tool("portal_workflow")[WORKFLOW].states


def test_from_the_previous_profile(portal):
    setup = portal.portal_setup
    states = _states(portal)
    with api.env.adopt_roles(["Manager"]):
        # the 1015 title, and a state an administrator renamed since
        states["to_acknowledge"].title = "À prendre en connaissance"
        states["contested"].title = "Contestée par l'agent"
        for _ in range(2):
            setup.setLastVersionForProfile(POLICY, "1015")
            assert [s["sdest"] for s in setup.listUpgrades(POLICY)] == ["1016"]
            setup.upgradeProfile(POLICY)
            assert states["to_acknowledge"].title == "En attente de l'agent"
            assert states["contested"].title == "Contestée par l'agent"
    assert setup.getLastVersionForProfile(POLICY) == latest(setup, POLICY)


def test_a_new_site_has_what_the_upgrade_gives(portal):
    assert _states(portal)["to_acknowledge"].title == "En attente de l'agent"
