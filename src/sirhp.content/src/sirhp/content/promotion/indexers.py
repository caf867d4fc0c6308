"""Catalog entries of tableaux d'avancement.

A table's ``effective`` field (the promotions' effective date, a ``date``)
shadows Dublin Core's ``effective()`` method, which the catalog's
``effective`` index and ``effectiveRange`` read: a decided table could not
be indexed (a ``date`` is no ``DateTime``), and a future effective date
would hide it from searches. The catalog keeps Dublin Core's meaning.
"""

from plone.dexterity.content import DexterityContent
from plone.indexer import indexer
from sirhp.content.interfaces import IPromotionTable


@indexer(IPromotionTable)
def effective(obj):
    """Dublin Core's effective date (publication), not the promotions'."""
    return DexterityContent.effective(obj)
