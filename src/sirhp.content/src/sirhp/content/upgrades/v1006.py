"""1005 -> 1006: types moved into their domain package.

``ScannedDocument`` (``sirhp.content.documents.content``), ``ChangeRequest``
(``sirhp.content.changes.content``), ``Badge`` and ``BadgePrintBatch``
(``sirhp.content.badges.content``) left ``sirhp.content.content``. Their FTIs
name class and schema by module path: only those two properties of those
FTIs are set (re-importing every type would reset what administrators and
later profiles set). Objects stored before still name the old modules in the
ZODB: ``sirhp.content.bbb`` keeps those paths loading, and each object is
stored under the new path the next time it is written. The catalog's
``object_provides`` names the schema: reindexed for badges, batches and
change requests (a few per officer); documents, the bulk of the site, are
queried by their marker interface, never by schema, and are left alone.
Re-runnable and logged.
"""

from plone import api
from sirhp.content.upgrades import logger

# portal type -> its module now
MOVED = {
    "ScannedDocument": "sirhp.content.documents.content",
    "ChangeRequest": "sirhp.content.changes.content",
    "Badge": "sirhp.content.badges.content",
    "BadgePrintBatch": "sirhp.content.badges.content",
}
# portal type -> its module before 1006 (kept loading by sirhp.content.bbb)
OLD_MODULES = {
    "ScannedDocument": "sirhp.content.content.scanned_document",
    "ChangeRequest": "sirhp.content.content.change_request",
    "Badge": "sirhp.content.content.badge",
    "BadgePrintBatch": "sirhp.content.content.badge",
}
REINDEXED = ("ChangeRequest", "Badge", "BadgePrintBatch")


def fti_properties(portal_type, moved=MOVED):
    """{"klass", "schema"} of ``portal_type`` in its new module (``moved``:
    portal type -> module)."""
    module = moved[portal_type]
    return {
        "klass": f"{module}.{portal_type}",
        "schema": f"{module}.I{portal_type}Schema",
    }


def point_ftis(moved=MOVED, step="1006"):
    """Point the moved types' FTIs at their modules (``moved``: portal type
    -> module; ``step`` names the upgrade in the log); {type: {property:
    value}} of what changed (empty when already done)."""
    types = api.portal.get_tool("portal_types")
    done = {}
    for portal_type in moved:
        fti = types.getTypeInfo(portal_type)
        if fti is None:
            continue
        changed = {
            name: value
            for name, value in fti_properties(portal_type, moved).items()
            if fti.getProperty(name) != value
        }
        if changed:
            # fires the FTI's modified event: Dexterity drops its cached
            # schema and factory for the type
            fti.manage_changeProperties(**changed)
            done[portal_type] = changed
        logger.info(
            "%s: %s FTI %s",
            step,
            portal_type,
            ", ".join(f"{k} = {v}" for k, v in changed.items()) or "up to date",
        )
    return done


def reindex_schemas():
    """``object_provides`` of the few objects whose schema path moved."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=list(REINDEXED))
    for brain in brains:
        brain._unrestrictedGetObject().reindexObject(idxs=["object_provides"])
    logger.info("1006: object_provides of %d objects reindexed", len(brains))
    return len(brains)


def upgrade(context):
    """``context``: portal_setup. Returns what ``point_ftis`` changed."""
    changed = point_ftis()
    reindex_schemas()
    logger.info("sirhp.content upgraded to 1006 (types in their domain package)")
    return changed
