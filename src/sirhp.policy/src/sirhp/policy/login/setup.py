"""Install and remove the PAS plugins of the login hardening."""

from plone import api
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin
from sirhp.policy import logger
from sirhp.policy.login.plugins import GUARD_ID
from sirhp.policy.login.plugins import LoginGuardPlugin
from sirhp.policy.login.plugins import PasswordPolicyPlugin
from sirhp.policy.login.plugins import POLICY_ID

PLUGINS = (
    (
        GUARD_ID,
        LoginGuardPlugin,
        "SIRHP : verrouillage des connexions",
        IAuthenticationPlugin,
    ),
    (
        POLICY_ID,
        PasswordPolicyPlugin,
        "SIRHP : règles des mots de passe",
        IValidationPlugin,
    ),
)


def install_plugins(portal=None):
    """Add and activate both plugins (idempotent); the guard goes first."""
    portal = portal or api.portal.get()
    acl_users = portal.acl_users
    registry = acl_users.plugins
    for plugin_id, factory, title, interface in PLUGINS:
        if plugin_id not in acl_users.objectIds():
            acl_users._setObject(plugin_id, factory(plugin_id, title))
            logger.info("PAS plugin %s added", plugin_id)
        if plugin_id not in registry.listPluginIds(interface):
            registry.activatePlugin(interface, plugin_id)
    registry.movePluginsTop(IAuthenticationPlugin, [GUARD_ID])


def remove_plugins(portal=None):
    portal = portal or api.portal.get()
    acl_users = portal.acl_users
    for plugin_id, _factory, _title, _interface in PLUGINS:
        if plugin_id in acl_users.objectIds():
            acl_users._delObject(plugin_id)
