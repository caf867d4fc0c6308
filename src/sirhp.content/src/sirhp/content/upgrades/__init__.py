"""Numbered upgrade steps of the sirhp.content profile.

Each step is small, re-runnable and logged. Registry records are added with
``registerInterface`` (existing values are kept) and catalog indexes one by
one: re-importing catalog.xml or registry.xml wholesale would reset what HR
edited and empty the indexes of a big site.
"""

import logging
from plone import api
from Products.ZCatalog.Catalog import CatalogError

logger = logging.getLogger("sirhp.content.upgrades")
PROFILE = "profile-sirhp.content:default"


def add_indexes(indexes, columns=()):
    """Add missing FieldIndexes and metadata columns (no reindex: callers
    say why the new indexes are already right)."""
    catalog = api.portal.get_tool("portal_catalog")
    for name in indexes:
        if name not in catalog.indexes():
            catalog.addIndex(name, "FieldIndex")
            logger.info("Added catalog index %s", name)
    for name in columns:
        try:
            catalog.addColumn(name)
            logger.info("Added catalog column %s", name)
        except CatalogError:
            pass  # already there


def to_1001(setup_tool):
    """Badges (cartes professionnelles) and the ID photo fields.

    New types Badge and BadgePrintBatch, their add permissions, the badge
    settings, the card_number and verification_id indexes. No badge exists
    before 1001, so the new indexes need no reindexing.
    """
    from sirhp.content.interfaces import IBadgeSettings

    setup_tool.runImportStepFromProfile(PROFILE, "typeinfo")
    setup_tool.runImportStepFromProfile(PROFILE, "rolemap")
    add_indexes(("card_number", "verification_id"), ("card_number", "expiry_date"))
    registry = api.portal.get_tool("portal_registry")
    registry.registerInterface(IBadgeSettings, prefix="sirhp.badge")
    logger.info("sirhp.content upgraded to 1001 (badges)")


def to_1002(setup_tool):
    """Change requests: type ChangeRequest and its add permission; the
    ``unit`` index now also covers records (review queue filter)."""
    setup_tool.runImportStepFromProfile(PROFILE, "typeinfo")
    setup_tool.runImportStepFromProfile(PROFILE, "rolemap")
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type=["ScannedDocument", "CareerEvent", "Badge"]
    ):
        brain._unrestrictedGetObject().reindexObject(idxs=["unit"])
        count += 1
    logger.info("sirhp.content upgraded to 1002 (change requests), %s records", count)
