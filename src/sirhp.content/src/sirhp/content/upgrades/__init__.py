"""Numbered upgrade steps of the sirhp.content profile.

Each step is small, re-runnable and logged. Registry records are added with
``registerInterface`` (existing values are kept) and catalog indexes one by
one: re-importing catalog.xml or registry.xml wholesale would reset what HR
edited and empty the indexes of a big site.
"""

from datetime import date
import logging
from plone import api
from Products.PluginIndexes.DateIndex.DateIndex import DateIndex
from Products.ZCatalog.Catalog import CatalogError
from sirhp.content.documents.interfaces import IDocumentSettings
from sirhp.content.documents.storage import mark_pending
from sirhp.content.indexers.indexers import UNDATED
from sirhp.content.interfaces import IBadgeSettings
from types import SimpleNamespace

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


def add_date_index(name):
    """A DateIndex (naive dates as local time, as in catalog.xml), if missing."""

    catalog = api.portal.get_tool("portal_catalog")
    if name not in catalog.indexes():
        index = DateIndex(name)
        index.index_naive_time_as_local = True
        catalog.addIndex(name, index)
        logger.info("Added catalog index %s", name)


def to_1001(setup_tool):
    """Badges (cartes professionnelles) and the ID photo fields.

    New types Badge and BadgePrintBatch, their add permissions, the badge
    settings, the card_number and verification_id indexes. No badge exists
    before 1001, so the new indexes need no reindexing.
    """

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


# Types restricted by 1003 when HR has not given them a sensitivity yet.
RESTRICTED_BY_DEFAULT = ("certificat-medical", "decision-disciplinaire")


def to_1003(setup_tool):
    """Scanned documents (issue 4): checked PDF, scan metadata, text, search.

    - registry ``sirhp.documents.*`` (size limit; existing values kept);
    - behaviour ``sirhp.scan_metadata`` on ScannedDocument (FTI edited, not
      re-imported: other behaviours an administrator added are kept);
    - document types: medical certificates and disciplinary decisions become
      ``restricted`` unless HR already set a sensitivity; other lines kept;
    - indexes ``text_status`` (FieldIndex) and ``document_date`` (DateIndex),
      filled for existing documents, which are queued for text extraction.
    """

    registry = api.portal.get_tool("portal_registry")
    registry.registerInterface(IDocumentSettings, prefix="sirhp.documents")

    fti = api.portal.get_tool("portal_types").get("ScannedDocument")
    if fti is not None and "sirhp.scan_metadata" not in fti.behaviors:
        fti.behaviors = tuple(fti.behaviors) + ("sirhp.scan_metadata",)
        logger.info("Behaviour sirhp.scan_metadata added to ScannedDocument")

    lines = list(registry.get("sirhp.document_types") or [])
    changed = False
    for position, line in enumerate(lines):
        parts = line.split("|")
        if parts[0].strip() in RESTRICTED_BY_DEFAULT and len(parts) == 2:
            lines[position] = f"{line}|restricted"
            changed = True
    if changed:
        registry["sirhp.document_types"] = lines
        logger.info("Medical and disciplinary document types restricted")

    catalog = api.portal.get_tool("portal_catalog")
    new = [
        name
        for name in ("text_status", "document_date")
        if name not in catalog.indexes()
    ]
    add_indexes([name for name in new if name == "text_status"])
    if "document_date" in new:
        add_date_index("document_date")

    brains = catalog.unrestrictedSearchResults(portal_type="ScannedDocument")
    for count, brain in enumerate(brains, start=1):
        obj = brain._unrestrictedGetObject()
        if getattr(obj, "text_status", None) is None and getattr(obj, "file", None):
            mark_pending(obj)  # reindexes text_status and SearchableText
        if new:
            obj.reindexObject(idxs=new)
        if count % 1000 == 0:
            logger.info("%s documents prepared", count)
    logger.info("sirhp.content upgraded to 1003 (scanned documents)")


def to_1004(setup_tool):
    """1003 -> 1004: a career event's date leaves Plone's publication date.

    The field was called ``effective_date``, the name of the Dublin Core
    publication date: the catalog's ``effective`` index took the career date
    and the timeline could not be sorted (no index of that name). Each event's
    value moves to ``event_date`` (new DateIndex and column); pending change
    requests that propose the old name are renamed too. Re-runnable.
    """

    add_date_index("event_date")
    catalog = api.portal.get_tool("portal_catalog")
    if "event_date" not in catalog.schema():
        catalog.addColumn("event_date")
    if "effective_date" in catalog.schema():
        catalog.delColumn("effective_date")
    moved = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="CareerEvent"):
        obj = brain._unrestrictedGetObject()
        old = obj.__dict__.get("effective_date")
        # a date is the career date; a DateTime would be a real publication
        # date (none in SIRHP): left alone
        if isinstance(old, date):
            del obj.__dict__["effective_date"]
            obj._p_changed = True
            if getattr(obj, "event_date", None) is None:
                obj.event_date = old
            moved += 1
        obj.reindexObject(idxs=["event_date", "effective", "Title"])
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ChangeRequest", review_state="pending"
    ):
        request = brain._unrestrictedGetObject()
        for name in ("proposed", "current"):
            values = getattr(request, name, None)
            if isinstance(values, dict) and "effective_date" in values:
                values = dict(values)
                values["event_date"] = values.pop("effective_date")
                setattr(request, name, values)
    logger.info("sirhp.content upgraded to 1004 (%d career event dates moved)", moved)


def to_1005(setup_tool):
    """1004 -> 1005: ``document_sort`` index (documents without a date were
    left out of every list sorted on ``document_date``).

    Filled from the ``document_date`` catalog metadata: no document is
    loaded (100,000 documents on the bench site). Re-runnable.
    """

    add_date_index("document_sort")
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.getIndex("document_sort")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="ScannedDocument"):
        value = getattr(brain, "document_date", None) or UNDATED
        index.index_object(brain.getRID(), SimpleNamespace(document_sort=value))
        count += 1
    logger.info("sirhp.content upgraded to 1005 (%d documents indexed)", count)


def run_steps(context, steps, log, done):
    """What every version's ``upgrade`` does: each step's
    ``upgrade(context)`` in order (each re-runnable), then ``done`` in the
    log ``log``."""
    for step in steps:
        step.upgrade(context)
    log.info(done)


def add_permission_roles(permission, roles):
    """Add ``roles`` to those the site root grants ``permission`` (kept
    acquired as it was); returns the roles added. Upgrades grant new
    permissions this way rather than re-importing the rolemap, which would
    reset what administrators set on other permissions."""
    current = _granted(permission)
    missing = [role for role in roles if role not in current]
    if missing:
        _grant(permission, current | set(missing))
    return missing


def remove_permission_roles(permission, roles):
    """Take ``roles`` off those the site root grants ``permission`` (kept
    acquired as it was); returns the roles removed. The other roles, set by
    the profile or by administrators, stay."""
    current = _granted(permission)
    present = [role for role in roles if role in current]
    if present:
        _grant(permission, current - set(present))
    return present


def _granted(permission):
    """The roles the site root grants ``permission`` to."""
    portal = api.portal.get()
    return {
        item["name"]
        for item in portal.rolesOfPermission(permission)
        if item["selected"]
    }


def _grant(permission, roles):
    """Grant exactly ``roles`` on the site root, acquisition kept as it was."""
    portal = api.portal.get()
    acquire = bool(portal.acquiredRolesAreUsedBy(permission))
    portal.manage_permission(permission, sorted(roles), acquire)


def add_types(context, label, types, permissions, roles=("Manager",)):
    """A step bringing new content types: the FTIs re-imported from the
    profile (``typeinfo``), ``roles`` added to each new permission, what
    exists afterwards logged under ``label``. Re-runnable.

    :param context: ``portal_setup``.
    :returns: the names of ``types`` the site has afterwards.
    """
    context.runImportStepFromProfile(PROFILE, "typeinfo", run_dependencies=False)
    for permission in permissions:
        add_permission_roles(permission, roles)
    portal_types = api.portal.get_tool("portal_types")
    present = [name for name in types if name in portal_types]
    allowed = portal_types["Agency"].allowed_content_types
    logger.info(
        "%s: types %s; the agency allows %s",
        label,
        ", ".join(present),
        ", ".join(name for name in types if name in allowed) or "none of them",
    )
    return present
