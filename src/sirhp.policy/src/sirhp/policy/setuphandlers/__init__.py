"""Install / uninstall hooks of sirhp.policy."""

from plone import api
from plone.base.interfaces import INonInstallable
from sirhp.content.badges.verification import ensure_secret
from sirhp.policy import config
from sirhp.policy import logger
from sirhp.policy.hardening.read_caches import ensure_portlet_settings
from sirhp.policy.login.links import configure_reset_tool
from sirhp.policy.login.sessions import configure as configure_sessions
from sirhp.policy.login.setup import install_plugins as install_login_plugins
from sirhp.policy.login.setup import remove_plugins as remove_login_plugins
from sirhp.policy.weight.caching import install as install_caching
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return [
            "sirhp.policy:uninstall",
            "sirhp.policy:caching",
            "sirhp.content:default",
        ]

    def getNonInstallableProducts(self):
        return ["sirhp.content"]


def post_install(context):
    """The portal-wide groups, the home page, login and caching settings.
    The agencies (with their groups, local roles and matricule sequences)
    are data: the ``sirhp-agencies`` import step (``agencies.setup``)."""
    portal = api.portal.get()
    setup_groups()
    portal.setLayout("sirhp-accueil")
    ensure_secret(portal)
    install_login_plugins(portal)
    configure_reset_tool(portal)
    configure_sessions(portal)
    install_caching()
    # created now, not by the first page read (which writes nothing)
    ensure_portlet_settings(portal)
    logger.info("SIRHP policy installed")


def uninstall(context):
    portal = api.portal.get()
    if portal.getLayout() == "sirhp-accueil":
        portal.setLayout("listing_view")
    remove_login_plugins(portal)


def setup_groups():
    """The portal-wide groups (each agency's are ``agencies.setup``'s)."""
    if api.group.get(groupname=config.AUDITORS_GROUP) is None:
        api.group.create(
            groupname=config.AUDITORS_GROUP, title="Auditeurs", roles=["Auditor"]
        )
    if api.group.get(groupname=config.OFFICERS_GROUP) is None:
        api.group.create(groupname=config.OFFICERS_GROUP, title="Agents (Mon dossier)")
