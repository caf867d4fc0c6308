"""Caching on a site installed before the caching policy: plone.app.caching
absent; the upgrade installs it with SIRHP's rulesets, and can run again."""

from plone import api
from plone.base.utils import get_installer
from sirhp.policy.upgrades import caching

MAPPING = "plone.caching.interfaces.ICacheSettings.operationMapping"
STABLE = "plone.app.caching.strongCaching.plone.stableResource.maxage"


def test_upgrade(portal):
    installer = get_installer(portal)
    with api.env.adopt_roles(["Manager"]):
        # the site before: no plone.app.caching
        installer.uninstall_product("plone.app.caching")
        assert not installer.is_product_installed("plone.app.caching")
        assert api.portal.get_registry_record(MAPPING, default=None) is None
        caching.upgrade(portal.portal_setup)
        caching.upgrade(portal.portal_setup)  # re-runnable
    assert installer.is_product_installed("plone.app.caching")
    assert api.portal.get_registry_record(
        "plone.caching.interfaces.ICacheSettings.enabled"
    )
    mapping = api.portal.get_registry_record(MAPPING)
    assert mapping["plone.stableResource"] == "plone.app.caching.strongCaching"
    assert mapping["plone.content.itemView"] == "plone.app.caching.noCaching"
    assert api.portal.get_registry_record(STABLE) == 31536000
