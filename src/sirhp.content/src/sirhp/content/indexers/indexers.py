"""Indexers for personnel files, their records and units."""

from datetime import date
from plone.indexer import indexer
from sirhp.content.base.targets import target
from sirhp.content.content.records import parent_file
from sirhp.content.content.records import term_title
from sirhp.content.interfaces import IBadge
from sirhp.content.interfaces import IChangeRequest
from sirhp.content.interfaces import IPersonnelFile
from sirhp.content.interfaces import IPersonnelRecord
from sirhp.content.interfaces import IScannedDocument
from sirhp.content.interfaces import IUnit
from sirhp.content.vocabularies.units import find_agency
from zope.i18n import translate


def _agency_id(obj):
    agency = find_agency(obj)
    return agency.getId() if agency is not None else None


@indexer(IPersonnelFile)
def agency_of_file(obj):
    return _agency_id(obj)


@indexer(IPersonnelRecord)
def agency_of_record(obj):
    return _agency_id(obj)


@indexer(IBadge)
def agency_of_badge(obj):
    return _agency_id(obj)


@indexer(IUnit)
def agency_of_unit(obj):
    return _agency_id(obj)


def _unit(obj):
    return target(getattr(obj, "unit", None))


@indexer(IPersonnelFile)
def file_unit(obj):
    unit = _unit(obj)
    return unit.UID() if unit is not None else None


@indexer(IPersonnelFile)
def file_unit_title(obj):
    unit = _unit(obj)
    return unit.Title() if unit is not None else ""


@indexer(IPersonnelFile)
def file_region(obj):
    unit = _unit(obj)
    return getattr(unit, "region", None) if unit is not None else None


@indexer(IUnit)
def unit_region(obj):
    return obj.region


@indexer(IPersonnelFile)
def file_personnel_status(obj):
    return obj.status


@indexer(IPersonnelRecord)
def record_matricule(obj):
    file = parent_file(obj)
    return file.matricule if file is not None else None


@indexer(IChangeRequest)
def change_request_matricule(obj):
    file = parent_file(obj)
    return file.matricule if file is not None else None


@indexer(IChangeRequest)
def agency_of_change_request(obj):
    return _agency_id(obj)


@indexer(IPersonnelRecord)
def record_unit(obj):
    """The unit of the record's file (review queue filter)."""
    return file_unit_uid(obj)


def file_unit_uid(obj):
    """UID of the unit of the file ``obj`` is in (records, leave requests)."""
    file = parent_file(obj)
    unit = _unit(file) if file is not None else None
    return unit.UID() if unit is not None else None


def agency_id(obj):
    """Id of the agency ``obj`` is in."""
    return _agency_id(obj)


@indexer(IChangeRequest)
def change_request_unit(obj):
    file = parent_file(obj)
    unit = _unit(file) if file is not None else None
    return unit.UID() if unit is not None else None


@indexer(IBadge)
def badge_matricule(obj):
    file = parent_file(obj)
    return file.matricule if file is not None else None


@indexer(IBadge)
def badge_unit(obj):
    """The unit of the file: batch printing selects badges by unit."""
    file = parent_file(obj)
    unit = _unit(file) if file is not None else None
    return unit.UID() if unit is not None else None


def _label(vocabulary, value, context):
    return translate(term_title(vocabulary, value, context), target_language="fr")


@indexer(IPersonnelFile)
def file_searchable_text(obj):
    """Names, matricule, NINA, position, unit and skills: never medical data."""
    parts = [
        obj.matricule,
        obj.nina,
        obj.last_name,
        obj.first_names,
        obj.birth_place,
        obj.position,
        _label("sirhp.content.grades", obj.grade, obj),
    ]
    unit = _unit(obj)
    if unit is not None:
        parts.append(unit.Title())
    parts.extend(
        _label("sirhp.content.skills", skill, obj) for skill in obj.skills or ()
    )
    return " ".join(part for part in parts if part)


@indexer(IPersonnelRecord)
def record_searchable_text(obj):
    parts = [obj.Title(), getattr(obj, "reference", None)]
    parts.append(getattr(obj, "issuing_authority", None))
    parts.append(getattr(obj, "details", None))
    return " ".join(part for part in parts if part)


def _last_entry(obj):
    """The latest workflow history entry, whatever the workflow."""
    history = getattr(obj, "workflow_history", None) or {}
    entries = [chain[-1] for chain in history.values() if chain]
    if not entries:
        return None
    return max(entries, key=lambda entry: entry.get("time"))


def _state_since(obj):
    """When the object entered its current workflow state (queues sort on it)."""
    entry = _last_entry(obj)
    return entry.get("time") if entry else obj.created()


def _last_transition(obj):
    entry = _last_entry(obj)
    return (entry.get("action") or "") if entry else ""


def _last_actor(obj):
    """Who fired the last transition: the submitter of a pending item (the
    review queue names him), the reviewer of a rejected one."""
    entry = _last_entry(obj)
    return (entry.get("actor") or "") if entry else ""


@indexer(IPersonnelFile)
def file_last_actor(obj):
    return _last_actor(obj)


@indexer(IPersonnelRecord)
def record_last_actor(obj):
    return _last_actor(obj)


@indexer(IPersonnelFile)
def file_state_since(obj):
    return _state_since(obj)


@indexer(IPersonnelRecord)
def record_state_since(obj):
    return _state_since(obj)


@indexer(IChangeRequest)
def change_request_state_since(obj):
    return _state_since(obj)


@indexer(IPersonnelFile)
def file_last_transition(obj):
    return _last_transition(obj)


@indexer(IPersonnelRecord)
def record_last_transition(obj):
    return _last_transition(obj)


UNIT_DERIVED_INDEXES = ("region", "unit_title", "SearchableText")


def reindex_unit_files(unit, event):
    """Refresh the catalog entries of every file assigned to ``unit``.

    Runs unrestricted: the catalog must stay true for everyone, whoever edits
    the unit; it hands no object to the editor.
    """
    from plone import api

    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile", unit=unit.UID()
    ):
        obj = brain._unrestrictedGetObject()
        obj.reindexObject(idxs=list(UNIT_DERIVED_INDEXES))


def reindex_children_unit(file, event):
    """A file's records, badges and requests carry its unit in the catalog
    (review queue and badge printing filter on it): keep them in line."""
    from plone import api
    from zope.container.interfaces import IContainerModifiedEvent

    if IContainerModifiedEvent.providedBy(event):
        return  # a child added or removed: the file's unit did not change
    unit = _unit(file)
    expected = unit.UID() if unit is not None else None
    catalog = api.portal.get_tool("portal_catalog")
    # Only the children whose catalog entry (``unit`` metadata) is out of
    # line are loaded: most edits of a file do not change its unit.
    for brain in catalog.unrestrictedSearchResults(
        path={"query": "/".join(file.getPhysicalPath()), "depth": 1}
    ):
        if brain.unit != expected:
            brain._unrestrictedGetObject().reindexObject(idxs=["unit"])


# A catalog sort leaves out the objects its index does not hold: sorting on
# "document_date" (optional) made undated documents vanish from the file page,
# Mon dossier and the document search. "document_sort" always has a value;
# the exact "document_date" index stays for date filters.
UNDATED = date(1900, 1, 1)


@indexer(IScannedDocument)
def document_sort(obj):
    """Date to sort documents on: the document's date, else 1900-01-01
    (undated documents come last, newest first)."""
    return getattr(obj, "document_date", None) or UNDATED
