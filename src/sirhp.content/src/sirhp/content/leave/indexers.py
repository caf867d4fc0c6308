"""Catalog entries of leave requests: the period (``leave_start``,
``leave_end``) and the file's unit and matricule, so that lists of absences
read the catalog only. Never the reason nor the scan."""

from plone.indexer import indexer
from sirhp.content.content.records import parent_file
from sirhp.content.indexers.indexers import agency_id
from sirhp.content.indexers.indexers import file_unit_uid
from sirhp.content.interfaces import ILeaveRequest


@indexer(ILeaveRequest)
def leave_start(obj):
    return obj.start


@indexer(ILeaveRequest)
def leave_end(obj):
    return obj.end


def _file_value(name):
    """An indexer of a leave request giving its file's ``name``."""

    def value(obj):
        file = parent_file(obj)
        return getattr(file, name, None) if file is not None else None

    return indexer(ILeaveRequest)(value)


# The file's values, as the record indexers give them (indexers.indexers).
leave_matricule = _file_value("matricule")
leave_last_name = _file_value("last_name")
leave_first_names = _file_value("first_names")
leave_unit = indexer(ILeaveRequest)(file_unit_uid)
leave_agency = indexer(ILeaveRequest)(agency_id)
