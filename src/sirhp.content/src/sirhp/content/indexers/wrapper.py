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

Two more detours are cut for the bulk paths (a campaign's evaluations, a
legacy import): a Dexterity object asked for a name it lacks looks it up in
every schema of its type and behaviours (a default value) — the wrapper
knows those names, once per type, and asks only for them; the indexer
adapter of each name is looked up in the registry with the two objects'
interfaces computed once per object; a name the catalog asks twice (an
index and a column of the same name: UID, getId, Title, dates…) is
computed once per cataloguing.
"""

from Acquisition import aq_base
from plone.dexterity.schema import SCHEMA_CACHE
from plone.indexer.interfaces import IIndexer
from plone.indexer.wrapper import IndexableObjectWrapper
from zope.component import getSiteManager
from zope.interface import providedBy

_SCHEMA_NAMES = {}  # {the schemas of a type: the names they define}


def schema_names(base):
    """The names a Dexterity object may answer from its schemas' defaults
    (its type's schema and behaviours)."""
    portal_type = getattr(base, "portal_type", None)
    schemas = SCHEMA_CACHE.schema_interfaces(portal_type) if portal_type else ()
    names = _SCHEMA_NAMES.get(schemas)
    if names is None:
        names = frozenset(name for s in schemas for name in s.names(all=True))
        _SCHEMA_NAMES[schemas] = names
    return names


def _no_child(name):
    return False


_MISSING = object()


class IndexableSirhpContent(IndexableObjectWrapper):
    """``IIndexableObject`` of SIRHP content (files, records, agencies): an
    indexer first, then a workflow variable, then the object's own
    attribute (acquisition-wrapped, so that a method may use its context),
    as Plone's wrapper does."""

    def __init__(self, object, catalog, workflow_tool=None):
        if workflow_tool is None:
            super().__init__(object, catalog)
        else:
            # what Plone's __init__ does, with the tool it would look up
            # (the bulk path: 20,000 look-ups of the same tool)
            self._IndexableObjectWrapper__object = object
            self._IndexableObjectWrapper__catalog = catalog
            self._IndexableObjectWrapper__vars = workflow_tool.getCatalogVariablesFor(
                object
            )
        base = aq_base(object)
        self._sirhp_base = base
        self._sirhp_names = schema_names(base)
        self._sirhp_has_child = getattr(base, "has_key", _no_child)
        self._sirhp_lookup = getSiteManager().adapters.lookup
        self._sirhp_required = (providedBy(object), providedBy(catalog))
        self._sirhp_values = {}

    def __getattr__(self, name):
        if name.startswith("_sirhp_"):
            raise AttributeError(name)  # not set yet (__init__ running)
        values = self._sirhp_values
        value = values.get(name)
        if value is None:
            try:
                value = self._sirhp_value(name)
            except AttributeError:
                value = _MISSING
            values[name] = value
        if value is _MISSING:
            raise AttributeError(name)
        return value

    def sirhp_indexer(self, name):
        """The indexer factory registered for ``name`` and this object."""
        return self._sirhp_lookup(self._sirhp_required, IIndexer, name)

    def sirhp_known(self, name, value):
        """Give the value of ``name``, found by a faster way that gives the
        same (``indexers.roles``)."""
        self._sirhp_values[name] = value

    def sirhp_missing(self, names):
        """Mark ``names`` as answered by nothing (known to the caller: see
        ``sirhp_absent``), without looking for them."""
        values = self._sirhp_values
        for name in names:
            values[name] = _MISSING

    def sirhp_absent(self, name):
        """No object of this one's type and interfaces answers ``name``:
        no indexer, no workflow variable, no attribute of its class, no
        schema field (what ``_sirhp_value`` looks for). Its own attributes
        and children are not looked at: they vary from one object to the
        next (``indexers.entries`` checks them for each)."""
        if self.sirhp_indexer(name) is not None:
            return False
        if name in self._IndexableObjectWrapper__vars:
            return False
        return (
            not hasattr(type(self._sirhp_base), name) and name not in self._sirhp_names
        )

    def _sirhp_value(self, name):
        obj = self._getWrappedObject()
        factory = self.sirhp_indexer(name)
        if factory is not None:
            indexer = factory(obj, self._IndexableObjectWrapper__catalog)
            if indexer is not None:
                return indexer()
        variables = self._IndexableObjectWrapper__vars
        if name in variables:
            return variables[name]
        base = self._sirhp_base
        try:
            # the object's own or its class's attribute, no schema default
            type(base).__getattribute__(base, name)
        except AttributeError:
            if name not in self._sirhp_names and not self._sirhp_has_child(name):
                raise
            getattr(base, name)  # a default, or a child (AttributeError: none)
        return getattr(obj, name)
