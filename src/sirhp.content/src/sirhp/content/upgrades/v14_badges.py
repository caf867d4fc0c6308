"""Badges and print batches moved into their domain package.

``Badge`` and ``BadgePrintBatch`` now live in ``sirhp.content.badges.content``
(objects stored before still load: ``sirhp.content.bbb``). Their FTIs name
class and schema by module path: the types are re-imported from the profile.
The catalog's ``object_provides`` of badges and batches named the old schema
path: reindexed (a few objects per officer). Re-runnable; not wired to a
profile version here (the integrator does).
"""

from plone import api
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import PROFILE

TYPES = ("Badge", "BadgePrintBatch")


def upgrade(context):
    """``context``: portal_setup."""
    context.runImportStepFromProfile(PROFILE, "typeinfo")
    types = api.portal.get_tool("portal_types")
    for name in TYPES:
        logger.info("%s: class %s", name, types[name].klass)
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=list(TYPES))
    for brain in brains:
        brain._unrestrictedGetObject().reindexObject(idxs=["object_provides"])
    logger.info("Badges in sirhp.content.badges: %d objects reindexed", len(brains))
