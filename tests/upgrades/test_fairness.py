"""Fairness on a site of the previous profiles (content 1009, policy
1010): the ``region_of_origin`` column added and filled, ``sirhp: View
fairness`` granted to its roles, whatever the order the upgrades run in."""

from plone import api
from sirhp.content.permissions import ViewFairness
from sirhp.content.upgrades import fairness as content_upgrade
from sirhp.policy.upgrades import fairness as policy_upgrade

ROLES = {"Manager", "Site Administrator", "HRManager", "Auditor"}


def _granted(portal):
    return {
        item["name"]
        for item in portal.rolesOfPermission(ViewFairness)
        if item["selected"]
    }


def test_upgrade(portal, testdata):
    catalog = portal.portal_catalog
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    file.region_of_origin = "kayes"  # not yet in the catalog: no column
    with api.env.adopt_roles(["Manager"]):
        # the site before: no column, nobody granted
        catalog.delColumn("region_of_origin")
        portal.manage_permission(ViewFairness, [], True)
        policy_upgrade.upgrade(portal.portal_setup)
        content_upgrade.upgrade(portal.portal_setup)
        content_upgrade.upgrade(portal.portal_setup)  # re-runnable
        policy_upgrade.upgrade(portal.portal_setup)
    assert "region_of_origin" in catalog.schema()
    (brain,) = catalog.unrestrictedSearchResults(UID=file.UID())
    assert brain.region_of_origin == "kayes"
    assert _granted(portal) == ROLES
    agency = portal["police-nationale"]
    assert api.user.has_permission(ViewFairness, username="hrmanager.pn", obj=agency)


def test_installed_site_is_current(portal):
    """A new site has what the upgrades bring."""
    assert "region_of_origin" in portal.portal_catalog.schema()
    assert _granted(portal) == ROLES
