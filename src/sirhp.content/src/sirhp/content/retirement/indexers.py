"""The derived, read-only retirement date of a file, for lists and queries."""

from plone.indexer import indexer
from sirhp.content.interfaces import IPersonnelFile
from sirhp.content.retirement import api


@indexer(IPersonnelFile)
def file_retirement_date(obj):
    """The date the officer reaches the age limit in force (None: unknown)."""
    return api.retirement_date_of(file=obj)
