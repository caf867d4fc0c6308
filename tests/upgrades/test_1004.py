"""Upgrade 1003 -> 1004: TOTP setting, sharing for administrators only."""

from plone import api
from tests.upgrades import latest

SHARING = "Sharing page: Delegate roles"


def test_upgrade_1004(portal, testdata):
    registry = portal.portal_registry
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record("sirhp.security.login_max_failures", 3)
        del registry.records["sirhp.security.totp_required"]
        # Plone's default before 1004: Owner and Editor delegate roles
        portal.manage_permission(
            SHARING, ["Manager", "Site Administrator", "Owner", "Editor"], acquire=True
        )
        file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
        assert api.user.has_permission(SHARING, username="clerk.pn", obj=file)
        setup = portal.portal_setup
        setup.setLastVersionForProfile("sirhp.policy:default", "1003")
        setup.upgradeProfile("sirhp.policy:default")
        assert setup.getLastVersionForProfile("sirhp.policy:default") == latest(
            setup, "sirhp.policy:default"
        )
        assert api.portal.get_registry_record("sirhp.security.totp_required") is False
        assert api.portal.get_registry_record("sirhp.security.login_max_failures") == 3
        assert not api.user.has_permission(SHARING, username="clerk.pn", obj=file)
        setup.upgradeProfile("sirhp.policy:default")  # nothing left, no error
