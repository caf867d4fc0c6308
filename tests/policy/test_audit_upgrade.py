"""Profile 1002: journal permission, settings, PAS plugins; the upgrade step."""

from plone import api
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin
from sirhp.policy.login.setup import remove_plugins
from tests.upgrades import granted
from tests.upgrades import latest

PROFILE = "sirhp.policy:default"


def test_profile_version(integration):
    setup = api.portal.get_tool("portal_setup")
    assert setup.getLastVersionForProfile(PROFILE) == latest(setup, PROFILE)


def test_settings(integration):
    assert api.portal.get_registry_record("sirhp.security.login_max_failures") == 5
    assert api.portal.get_registry_record("sirhp.security.login_lockout_minutes") == 15
    assert api.portal.get_registry_record("sirhp.audit.officer_sees_consultations")


def test_journal_permission_roles(integration):
    portal = integration["portal"]
    assert granted(portal, "sirhp: View audit journal") == {
        "Manager",
        "Site Administrator",
        "HRManager",
        "Auditor",
    }


def test_upgrade_steps_from_1000(integration):
    portal = integration["portal"]
    setup = api.portal.get_tool("portal_setup")
    # a site as it was at 1000: no plugins, no settings, no permission
    remove_plugins(portal)
    registry = api.portal.get_tool("portal_registry")
    del registry.records["sirhp.security.login_max_failures"]
    portal.manage_permission("sirhp: View audit journal", [], acquire=True)
    setup.setLastVersionForProfile(PROFILE, "1000")
    steps = setup.listUpgrades(PROFILE)
    assert [(s["ssource"], s["sdest"]) for s in steps] == [
        ("1000", "1001"),
        ("1001", "1002"),
        ("1002", "1003"),
        ("1003", "1004"),
        ("1004", "1005"),
        ("1005", "1006"),
        ("1006", "1007"),
        ("1007", "1008"),
        ("1008", "1009"),
        ("1009", "1010"),
        ("1010", "1011"),
        ("1011", "1012"),
        ("1012", "1013"),
        ("1013", "1014"),
        ("1014", "1015"),
        ("1015", "1016"),
    ]
    setup.upgradeProfile(PROFILE)
    assert setup.getLastVersionForProfile(PROFILE) == latest(setup, PROFILE)
    plugins = portal.acl_users.plugins
    assert plugins.listPluginIds(IAuthenticationPlugin)[0] == "sirhp_login_guard"
    assert "sirhp_password_policy" in plugins.listPluginIds(IValidationPlugin)
    assert api.portal.get_registry_record("sirhp.security.login_max_failures") == 5
    assert "Auditor" in granted(portal, "sirhp: View audit journal")
    # re-runnable
    setup.setLastVersionForProfile(PROFILE, "1000")
    setup.upgradeProfile(PROFILE)
    assert plugins.listPluginIds(IAuthenticationPlugin).count("sirhp_login_guard") == 1
