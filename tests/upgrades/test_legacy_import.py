"""Legacy import on a site of the previous profiles: the permission granted
to its roles, the ``nina`` index added and filled; re-runnable."""

from plone import api
from sirhp.content.permissions import ImportPersonnelFiles
from sirhp.policy.upgrades import legacy_import
from tests.upgrades import granted

ROLES = {"Manager", "Site Administrator", "RecordsClerk", "HRManager"}


def test_upgrade(portal, testdata):
    catalog = portal.portal_catalog
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    file.nina = "123456789012345"
    with api.env.adopt_roles(["Manager"]):
        catalog.delIndex("nina")
        portal.manage_permission(ImportPersonnelFiles, [], True)
        legacy_import.upgrade(portal.portal_setup)
        legacy_import.upgrade(portal.portal_setup)  # re-runnable
    assert granted(portal, ImportPersonnelFiles) == ROLES
    (brain,) = catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile", nina="123456789012345"
    )
    assert brain.getPath().endswith(file.getId())
    agency = portal["police-nationale"]
    assert api.user.has_permission(
        ImportPersonnelFiles, username="clerk.pn", obj=agency
    )
    assert not api.user.has_permission(
        ImportPersonnelFiles, username="clerk.ocs", obj=agency
    )


def test_installed_site_is_current(portal):
    assert granted(portal, ImportPersonnelFiles) == ROLES
    assert "nina" in portal.portal_catalog.indexes()
