"""The dashboard on a site of the previous profiles: the ``birth_date``
index added and filled, ``sirhp: View indicators`` granted to its roles,
whatever the order the upgrades run in."""

from plone import api
from sirhp.content.permissions import ViewIndicators
from sirhp.content.upgrades import indicators as content_upgrade
from sirhp.policy.upgrades import indicators as policy_upgrade
from tests.upgrades import granted

ROLES = {"Manager", "Site Administrator", "HRManager", "Auditor", "UnitCommander"}


def test_upgrade(portal, testdata):
    catalog = portal.portal_catalog
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    with api.env.adopt_roles(["Manager"]):
        # the site before: no index, nobody granted
        catalog.delIndex("birth_date")
        portal.manage_permission(ViewIndicators, [], True)
        policy_upgrade.upgrade(portal.portal_setup)
        content_upgrade.upgrade(portal.portal_setup)
        content_upgrade.upgrade(portal.portal_setup)  # re-runnable
        policy_upgrade.upgrade(portal.portal_setup)
    assert "birth_date" in catalog.indexes()
    assert "birth_date" not in catalog.schema()  # never metadata
    (brain,) = catalog.unrestrictedSearchResults(
        birth_date=file.birth_date, UID=file.UID()
    )
    assert brain.getPath() == "/".join(file.getPhysicalPath())
    assert granted(portal, ViewIndicators) == ROLES
    agency = portal["police-nationale"]
    assert api.user.has_permission(ViewIndicators, username="hrmanager.pn", obj=agency)
    assert not api.user.has_permission(
        ViewIndicators, username="hrmanager.ocs", obj=agency
    )


def test_installed_site_is_current(portal):
    """A new site has what the upgrades bring."""
    assert "birth_date" in portal.portal_catalog.indexes()
    assert granted(portal, ViewIndicators) == ROLES
