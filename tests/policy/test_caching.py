"""Caching headers on the test site: versioned static resources for a year,
personnel pages never stored by a shared cache."""

from plone import api


def test_policy_installed(portal):
    mapping = api.portal.get_registry_record(
        "plone.caching.interfaces.ICacheSettings.operationMapping"
    )
    assert set(mapping.values()) <= {
        "plone.app.caching.strongCaching",
        "plone.app.caching.noCaching",
    }
    assert {k for k, v in mapping.items() if v.endswith("strongCaching")} == {
        "plone.resource",
        "plone.stableResource",
    }
