"""Catalog entries of career acts: the end date of a period act, so that the
daily job (``careers.apply.apply_due``) finds the acts that end by catalog."""

from plone.indexer import indexer
from sirhp.content.interfaces import ICareerEvent


@indexer(ICareerEvent)
def event_end_date(obj):
    """The last day of a period act (``None``: an act without end)."""
    return getattr(obj, "end_date", None)
