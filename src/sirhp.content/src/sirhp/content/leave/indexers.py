"""Catalog entries of leave requests: the period (``leave_start``,
``leave_end``) and the file's unit and matricule, so that lists of absences
read the catalog only. Never the reason nor the scan."""

from plone.indexer import indexer
from sirhp.content.content.records import parent_file
from sirhp.content.interfaces import ILeaveRequest
from sirhp.content.vocabularies.units import find_agency


@indexer(ILeaveRequest)
def leave_start(obj):
    return obj.start


@indexer(ILeaveRequest)
def leave_end(obj):
    return obj.end


@indexer(ILeaveRequest)
def leave_matricule(obj):
    file = parent_file(obj)
    return file.matricule if file is not None else None


@indexer(ILeaveRequest)
def leave_unit(obj):
    file = parent_file(obj)
    relation = getattr(file, "unit", None) if file is not None else None
    if relation is None or relation.isBroken():
        return None
    return relation.to_object.UID()


@indexer(ILeaveRequest)
def leave_last_name(obj):
    file = parent_file(obj)
    return file.last_name if file is not None else None


@indexer(ILeaveRequest)
def leave_first_names(obj):
    file = parent_file(obj)
    return file.first_names if file is not None else None


@indexer(ILeaveRequest)
def leave_agency(obj):
    agency = find_agency(obj)
    return agency.getId() if agency is not None else None
