"""Agencies and personnel files are unordered folders (``_ordering`` of
their classes): the ordering lists plone.folder kept in their annotations
(``plone.folder.ordered.order`` and ``.pos``: an agency's held the ids of
all its files) are dropped. Re-runnable and logged.
"""

from Acquisition import aq_base
from plone import api
from sirhp.content.upgrades import logger
import transaction
from zope.annotation.interfaces import IAnnotations

KEYS = ("plone.folder.ordered.order", "plone.folder.ordered.pos")
TYPES = ("Agency", "PersonnelFile")
BATCH = 500


def upgrade(context):
    """``context``: portal_setup."""
    catalog = api.portal.get_tool("portal_catalog")
    seen = dropped = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=list(TYPES)):
        annotations = IAnnotations(aq_base(brain._unrestrictedGetObject()))
        found = [key for key in KEYS if key in annotations]
        for key in found:
            del annotations[key]
        dropped += bool(found)
        seen += 1
        if seen % BATCH == 0:
            transaction.savepoint(optimistic=True)
    logger.info("unordered: ordering lists dropped on %d of %d folders", dropped, seen)
