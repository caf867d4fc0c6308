"""Careers, retirement upgrades: the ``retirement_date`` index and column
added and filled on a site that had none; ``sirhp: View retirements``
granted to its roles, whatever the order the two upgrades run in."""

from datetime import date
from plone import api
from sirhp.content.permissions import ViewRetirements
from sirhp.content.upgrades import careers_retirement as content_upgrade
from sirhp.policy.upgrades import careers_retirement as policy_upgrade
from tests.retirement.conftest import set_known_dates


def _granted(portal):
    return {
        item["name"]
        for item in portal.rolesOfPermission(ViewRetirements)
        if item["selected"]
    }


def test_upgrade(portal, testdata):
    files = set_known_dates(portal, testdata)
    catalog = portal.portal_catalog
    with api.env.adopt_roles(["Manager"]):
        # the site before: no index, no column, nobody granted
        catalog.delIndex("retirement_date")
        catalog.delColumn("retirement_date")
        portal.manage_permission(ViewRetirements, [], True)
        policy_upgrade.upgrade(portal.portal_setup)
        content_upgrade.upgrade(portal.portal_setup)
        content_upgrade.upgrade(portal.portal_setup)  # re-runnable
        policy_upgrade.upgrade(portal.portal_setup)
    assert catalog.Indexes["retirement_date"].meta_type == "DateIndex"
    assert "retirement_date" in catalog.schema()
    brains = catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile", retirement_date=date(2027, 2, 20)
    )
    assert [b.getPath() for b in brains] == [
        "/".join(files["pn_validated"].getPhysicalPath())
    ]
    assert brains[0].retirement_date == date(2027, 2, 20)
    every = catalog.unrestrictedSearchResults(portal_type="PersonnelFile")
    assert all(b.retirement_date is not None for b in every)
    assert _granted(portal) == {"Manager", "Site Administrator", "HRManager", "Auditor"}


def test_installed_site_is_current(portal):
    """A new site has what the upgrades bring."""
    assert "retirement_date" in portal.portal_catalog.schema()
    assert _granted(portal) == {"Manager", "Site Administrator", "HRManager", "Auditor"}
