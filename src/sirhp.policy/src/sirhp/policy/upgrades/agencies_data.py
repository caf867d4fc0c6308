"""Agencies as data: the site root allows ``Agency`` (the policy profile's
``types/Plone_Site.xml``), Site Administrators hold ``sirhp: Add Agency``
as Managers do, the control panel ``@@sirhp-agences`` is in Site Setup, and
each agency of ``profiles/default/sirhp_agencies.json`` is there with its
groups, their local roles and its matricule sequence (an existing agency
keeps its values: the Police nationale and the OCS of a site stay as they
are). Re-runnable and logged; the rolemap is not re-imported (what
administrators set on other permissions is kept).
"""

from plone import api
from sirhp.content.permissions import AddAgency
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.agencies.setup import ensure_agencies
from sirhp.policy.agencies.setup import profile_specs
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE

ADMINISTRATORS = ("Manager", "Site Administrator")


def upgrade(context):
    """Bring a site to agencies set up from data.

    :param context: ``portal_setup``.
    """
    portal = api.portal.get()
    context.runImportStepFromProfile(PROFILE, "typeinfo", run_dependencies=False)
    context.runImportStepFromProfile(PROFILE, "controlpanel", run_dependencies=False)
    added = add_permission_roles(AddAgency, ADMINISTRATORS)
    agencies = ensure_agencies(portal, profile_specs())
    logger.info(
        "agencies as data: Agency addable at the site root (%s), roles added to "
        "%s: %s; agencies set up: %s",
        "Agency" in portal.portal_types["Plone Site"].allowed_content_types,
        AddAgency,
        added or "none",
        ", ".join(agency.getId() for agency in agencies),
    )
