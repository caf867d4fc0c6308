"""Référentiels of the statute, versioned: the registry record
``sirhp.referentials.versions`` and the permission ``sirhp: Manage
référentiels`` (Manager, Site Administrator; the policy grants HR managers).

The record is added alone (re-importing ``registry.xml`` would merge the
shipped vocabulary lines back into what HR managers edited); it starts
empty, which means the shipped tables. Re-runnable and logged.
"""

from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from sirhp.content.permissions import ManageReferentials
from sirhp.content.referentials.api import RECORD
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger
from zope.component import getUtility

DEFAULT_ROLES = ("Manager", "Site Administrator")


def add_record():
    """Add the versions record if missing; True when added."""
    registry = getUtility(IRegistry)
    if RECORD in registry.records:
        return False
    registry.records[RECORD] = Record(
        field.Text(title="Référentiels du statut (versions)", required=False)
    )
    return True


def grant_default_roles():
    """Give the permission its default roles (kept if already granted)."""
    return add_permission_roles(ManageReferentials, DEFAULT_ROLES)


def upgrade(context):
    """Bring a site to the versioned référentiels (context: portal_setup)."""
    if add_record():
        logger.info("Registry record %s added (empty: shipped tables)", RECORD)
    roles = grant_default_roles()
    logger.info(
        "%s granted to %s", ManageReferentials, ", ".join(roles) or "nobody new"
    )
