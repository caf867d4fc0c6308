"""Units a personnel file can be assigned to: those of its own agency."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from plone.app.vocabularies.catalog import StaticCatalogVocabulary
from sirhp.content.interfaces import IAgency
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


def find_agency(context):
    """The agency holding ``context`` (or ``None`` outside any agency)."""
    for item in aq_chain(aq_inner(context)):
        if IAgency.providedBy(item):
            return item
    return None


@provider(IVocabularyFactory)
def UnitsVocabulary(context=None):
    query = {"portal_type": "Unit", "sort_on": "sortable_title"}
    agency = find_agency(context) if context is not None else None
    if agency is not None:
        query["path"] = "/".join(agency.getPhysicalPath())
    return StaticCatalogVocabulary(query, title_template="{brain.Title}")
