"""Evaluation marks as catalog indexes (``evaluation_mark``,
``evaluation_evaluator``, ``evaluation_year``; never metadata), filled for
the existing evaluations: promotion eligibility and the fairness figures
read marks in bulk from them. Re-runnable and logged.
"""

from plone import api
from sirhp.content.evaluation.marks import INDEXES
from sirhp.content.upgrades import add_indexes
from sirhp.content.upgrades import logger


def upgrade(context):
    """``context``: portal_setup. Returns the number of evaluations indexed."""
    add_indexes(INDEXES)
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Evaluation"):
        brain._unrestrictedGetObject().reindexObject(idxs=list(INDEXES))
        count += 1
    logger.info("sirhp.content: evaluation marks indexed for %d evaluation(s)", count)
    return count
