"""Install / uninstall hooks of sirhp.policy."""

from plone import api
from plone.base.interfaces import INonInstallable
from plone.dexterity.utils import createContentInContainer
from sirhp.content.badges.verification import ensure_secret
from sirhp.content.content.matricule_sequence import ensure_sequence
from sirhp.policy import config
from sirhp.policy import logger
from sirhp.policy.base.localroles import set_exact_local_roles
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
    """Agencies, their groups and local roles; the home page."""
    portal = api.portal.get()
    setup_groups()
    for spec in config.AGENCIES:
        agency = ensure_agency(portal, spec)
        grant_agency_roles(agency)
        ensure_sequence(agency, spec["matricule_prefix"])
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
    for spec in config.AGENCIES:
        for suffix, _role, label in config.AGENCY_GROUPS:
            group_id = config.agency_group_id(spec["id"], suffix)
            if api.group.get(groupname=group_id) is None:
                api.group.create(
                    groupname=group_id, title=f"{spec['short_name']} — {label}"
                )
    if api.group.get(groupname=config.AUDITORS_GROUP) is None:
        api.group.create(
            groupname=config.AUDITORS_GROUP, title="Auditeurs", roles=["Auditor"]
        )
    if api.group.get(groupname=config.OFFICERS_GROUP) is None:
        api.group.create(groupname=config.OFFICERS_GROUP, title="Agents (Mon dossier)")


def ensure_agency(portal, spec):
    if spec["id"] in portal.objectIds():
        return portal[spec["id"]]
    agency = createContentInContainer(
        portal,
        "Agency",
        checkConstraints=False,
        id=spec["id"],
        title=spec["title"],
        short_name=spec["short_name"],
        primary_color=spec["primary_color"],
    )
    return agency


def grant_agency_roles(agency):
    for suffix, role, _label in config.AGENCY_GROUPS:
        group_id = config.agency_group_id(agency.getId(), suffix)
        set_exact_local_roles(agency, group_id, {role})
    agency.reindexObjectSecurity()
