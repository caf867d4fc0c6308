"""Discipline and awards: ``sirhp: Field: read disciplinary`` granted as the
rolemap says (HR managers, auditors, the officer, administrators), and the
existing disciplinary acts (sanction, suspension) restricted like medical
documents (``documents.security.apply_sensitivity``). Re-runnable, logged.
"""

from plone import api
from sirhp.content.careers.rules import DISCIPLINARY_TYPES
from sirhp.policy.documents.security import apply_sensitivity
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE


def upgrade(context):
    """``context``: portal_setup. Returns the number of acts restricted now."""
    context.runImportStepFromProfile(PROFILE, "rolemap", run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="CareerEvent", event_type=sorted(DISCIPLINARY_TYPES)
    ):
        if apply_sensitivity(brain._unrestrictedGetObject()):
            count += 1
    logger.info("sirhp.policy: discipline, %s disciplinary acts restricted", count)
    return count
