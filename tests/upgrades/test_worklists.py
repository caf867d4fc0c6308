"""Work lists on a site of the previous profiles: the grouped actions'
permissions granted to their roles, the ``last_actor`` column added and
filled for what waits; re-runnable."""

from plone import api
from sirhp.content.permissions import SubmitWithRecords
from sirhp.content.permissions import ValidateWithRecords
from sirhp.policy.upgrades import worklists


def _granted(portal, permission):
    return {
        item["name"]
        for item in portal.rolesOfPermission(permission)
        if item["selected"]
    }


def test_upgrade(portal, testdata):
    catalog = portal.portal_catalog
    with api.env.adopt_roles(["Manager"]):
        for permission in worklists.ROLES:
            portal.manage_permission(permission, [], True)
        catalog.delColumn("last_actor")
        worklists.upgrade(portal.portal_setup)
        worklists.upgrade(portal.portal_setup)  # re-runnable
    for permission, roles in worklists.ROLES.items():
        assert _granted(portal, permission) == set(roles)
    (brain,) = catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile", getId=testdata.FILES["pn_pending"]
    )
    assert brain.last_actor == "clerk.pn"
    agency = portal["police-nationale"]
    assert api.user.has_permission(SubmitWithRecords, username="clerk.pn", obj=agency)
    assert not api.user.has_permission(
        ValidateWithRecords, username="clerk.pn", obj=agency
    )


def test_installed_site_is_current(portal):
    for permission, roles in worklists.ROLES.items():
        assert _granted(portal, permission) == set(roles)
    assert "last_actor" in portal.portal_catalog.schema()
