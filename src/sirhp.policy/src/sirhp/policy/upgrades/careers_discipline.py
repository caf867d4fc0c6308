"""Discipline and awards: ``sirhp: Field: read disciplinary`` granted as the
rolemap says (HR managers, auditors, the officer, administrators), and the
existing disciplinary acts (sanction, suspension) restricted like medical
documents (``documents.security.apply_sensitivity``). The roles are added
to those the site grants (the rolemap is not re-imported: it would reset
what administrators set on other permissions). Re-runnable, logged.
"""

from plone import api
from sirhp.content.careers.rules import DISCIPLINARY_TYPES
from sirhp.content.permissions import ReadDisciplinary
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.documents.security import apply_sensitivity
from sirhp.policy.upgrades import logger

ROLES = ("Manager", "Site Administrator", "HRManager", "Auditor", "Officer")


def upgrade(context):
    """``context``: portal_setup. Returns the number of acts restricted now."""
    add_permission_roles(ReadDisciplinary, ROLES)
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="CareerEvent", event_type=sorted(DISCIPLINARY_TYPES)
    ):
        if apply_sensitivity(brain._unrestrictedGetObject()):
            count += 1
    logger.info("sirhp.policy: discipline, %s disciplinary acts restricted", count)
    return count
