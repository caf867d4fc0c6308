"""The catalog's view of SIRHP content: Plone's indexable wrapper, without
its costly detour.

Plone's wrapper (``plone.indexer.wrapper.IndexableObjectWrapper``) indexes
a plain attribute only when the object has it itself (never an acquired
value), but it first asks for the name WITH acquisition: for a record in a
personnel file, each of the hundred-odd index and column names the record
lacks climbs file, agency and portal, each a Dexterity object looking the
name up in its schemas. Creating a campaign's 20,000 evaluations spent most
of its time there. This wrapper asks the object itself first and gives up
at once when it has no such attribute, no indexer and no workflow variable
of that name: the same catalog values, found without the climb.
"""

from Acquisition import aq_base
from plone.indexer.interfaces import IIndexer
from plone.indexer.wrapper import IndexableObjectWrapper
from zope.component import queryMultiAdapter


class IndexableSirhpContent(IndexableObjectWrapper):
    """``IIndexableObject`` of SIRHP content (files, records, agencies): an
    indexer first, then a workflow variable, then the object's own
    attribute (acquisition-wrapped, so that a method may use its context),
    as Plone's wrapper does."""

    def __getattr__(self, name):
        obj = self._getWrappedObject()
        catalog = self._IndexableObjectWrapper__catalog
        indexer = queryMultiAdapter((obj, catalog), IIndexer, name=name)
        if indexer is not None:
            return indexer()
        variables = self._IndexableObjectWrapper__vars
        if name in variables:
            return variables[name]
        getattr(aq_base(obj), name)  # AttributeError: not its own
        return getattr(obj, name)
