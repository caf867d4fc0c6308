"""Upgrade 1003 -> 1004 (TOTP setting) keeps the other security settings."""

from plone import api


def test_upgrade_1004(portal):
    registry = portal.portal_registry
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record("sirhp.security.login_max_failures", 3)
        del registry.records["sirhp.security.totp_required"]
        setup = portal.portal_setup
        setup.setLastVersionForProfile("sirhp.policy:default", "1003")
        setup.upgradeProfile("sirhp.policy:default")
        assert setup.getLastVersionForProfile("sirhp.policy:default") == ("1004",)
        assert api.portal.get_registry_record("sirhp.security.totp_required") is False
        assert api.portal.get_registry_record("sirhp.security.login_max_failures") == 3
        setup.upgradeProfile("sirhp.policy:default")  # nothing left, no error
