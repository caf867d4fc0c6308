"""The careers upgrades as one step each: content 1006 -> 1007 and policy
1008 -> 1009 bring a site of the previous profiles to the new state (the
parts are tested one by one in test_careers_*.py)."""

from plone import api
from sirhp.content.permissions import ManageReferentials
from sirhp.content.permissions import ViewRetirements
from tests.upgrades import latest

CONTENT = "sirhp.content:default"
POLICY = "sirhp.policy:default"


def _roles(portal, permission):
    return {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}


def test_both_steps_from_the_previous_profiles(portal):
    setup = portal.portal_setup
    catalog = portal.portal_catalog
    types = portal.portal_types
    with api.env.adopt_roles(["Manager"]):
        # the previous profiles: old CareerEvent class, no retirement index,
        # no référentiels record, the new permissions granted to nobody
        types["CareerEvent"].manage_changeProperties(
            klass="sirhp.content.content.career_event.CareerEvent",
            schema="sirhp.content.content.career_event.ICareerEventSchema",
        )
        catalog.delIndex("retirement_date")
        catalog.delColumn("retirement_date")
        api.portal.get_tool("portal_registry").records.__delitem__(
            "sirhp.referentials.versions"
        )
        portal.manage_permission(ViewRetirements, [], True)
        portal.manage_permission(ManageReferentials, [], True)
        setup.setLastVersionForProfile(CONTENT, "1006")
        setup.setLastVersionForProfile(POLICY, "1008")
        assert [(s["ssource"], s["sdest"]) for s in setup.listUpgrades(CONTENT)][0] == (
            "1006",
            "1007",
        )
        for _ in range(2):  # re-runnable
            setup.upgradeProfile(CONTENT)
            setup.upgradeProfile(POLICY)
            setup.setLastVersionForProfile(CONTENT, "1006")
            setup.setLastVersionForProfile(POLICY, "1008")
        setup.upgradeProfile(CONTENT)
        setup.upgradeProfile(POLICY)
    assert setup.getLastVersionForProfile(CONTENT) == latest(setup, CONTENT)
    assert setup.getLastVersionForProfile(POLICY) == latest(setup, POLICY)
    assert types["CareerEvent"].klass == "sirhp.content.careers.content.CareerEvent"
    assert "retirement_date" in catalog.indexes()
    assert "retirement_date" in catalog.schema()
    assert catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile",
        retirement_date={"query": "1900-01-01", "range": "min"},
    )
    assert "sirhp.referentials.versions" in portal.portal_registry.records
    assert {"HRManager", "Auditor", "Manager", "Site Administrator"} <= _roles(
        portal, ViewRetirements
    )
    assert {"HRManager", "Manager", "Site Administrator"} <= _roles(
        portal, ManageReferentials
    )
