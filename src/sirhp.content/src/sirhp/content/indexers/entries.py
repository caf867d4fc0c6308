"""The catalog entry of a new object, written without asking the indexes
that cannot hold anything for it.

ZCatalog asks every index for a new object's value; on the bench site 43
of the 66 indexes hold nothing for an evaluation, and asking them (each
finds nothing and writes nothing) was a quarter of its cataloguing. An
index is skipped when no object of the type can have a value for it,
decided once per type from the catalog wrapper's own lookup order
(``IndexableSirhpContent.sirhp_absent``: no indexer, no workflow variable,
no attribute of the class, no schema field), and once per object from its
own attributes and children. Only kinds of index that write nothing for a
document without a value are skipped (field, keyword, boolean, date, UUID,
text); the others are always asked. A new object has no entry to remove,
so its entry is the one a full cataloguing writes; ZCatalog records every
metadata column of a new uid whatever the indexes named.
``tests/content/test_bulk_creator.py`` compares both, index by index.
"""

from Acquisition import aq_base
from plone.indexer.interfaces import IIndexableObject
from Products.CMFCore.utils import getToolByName
from Products.CMFPlone.CatalogTool import allowedRolesAndUsers as plone_allowed_roles
from Products.PluginIndexes.BooleanIndex.BooleanIndex import BooleanIndex
from Products.PluginIndexes.DateIndex.DateIndex import DateIndex
from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex
from Products.PluginIndexes.UUIDIndex.UUIDIndex import UUIDIndex
from Products.ZCTextIndex.ZCTextIndex import ZCTextIndex
from sirhp.content.indexers.roles import RolesOfNewObjects
from sirhp.content.indexers.wrapper import IndexableSirhpContent
from zope.component import queryMultiAdapter
from zope.interface import providedBy

ROLES_INDEX = "allowedRolesAndUsers"
# kinds (exact classes) that write nothing for a document without a value
SKIPPABLE = frozenset(
    {BooleanIndex, DateIndex, FieldIndex, KeywordIndex, UUIDIndex, ZCTextIndex}
)


class _Plan:
    """What is decided once per type: the indexes always asked, those no
    object of the type answers (with their source names), the names (index
    sources, metadata columns) no object of the type answers, whether
    SIRHP's wrapper catalogues it and Plone's ``allowedRolesAndUsers``
    indexes it."""

    def __init__(self, kept, skipped=(), absent=(), sirhp=False, plone_roles=False):
        self.kept = kept
        self.skipped = skipped
        self.absent = absent
        self.sirhp = sirhp
        self.plone_roles = plone_roles


class NewEntries:
    """Writes the catalog entries of objects never catalogued (a bulk
    creation's), asking only the indexes that may have a value for them;
    the names no object of the type answers are known missing at once (the
    metadata columns too). Made for one run: it keeps what it found about
    the types and the local roles above the containers
    (``indexers.roles``)."""

    def __init__(self, catalog):
        self.catalog = catalog
        self._plans = {}  # {(portal type, class, interfaces): _Plan}
        self._roles = RolesOfNewObjects(catalog)
        self._workflow_tool = getToolByName(catalog, "portal_workflow", None)

    def write(self, obj):
        """Catalogue ``obj`` (added since the indexing queue was processed);
        one the queue catalogued already (a subscriber reindexed some of its
        indexes) is catalogued in full, as the queue's merged operation
        would."""
        uid = "/".join(obj.getPhysicalPath())
        if self.catalog.getrid(uid) is not None:
            self.catalog.catalog_object(obj, uid)
            return
        plan = self._plan_of(obj)
        if not plan.sirhp:
            self.catalog.catalog_object(obj, uid)
            return
        present = self._present(obj, plan)
        # the catalog takes an IIndexableObject as it is
        entry = IndexableSirhpContent(obj, self.catalog, self._workflow_tool)
        entry.sirhp_missing(n for n in plan.absent if n not in present)
        roles = self._roles.value(obj) if plan.plone_roles else None
        if roles is not None:
            entry.sirhp_known(ROLES_INDEX, roles)
        self.catalog.catalog_object(entry, uid, idxs=self._indexes(plan, present))

    def indexes(self, obj):
        """The names of the indexes to ask for ``obj`` (``[]``: all)."""
        plan = self._plan_of(obj)
        return self._indexes(plan, self._present(obj, plan))

    def _indexes(self, plan, present):
        if not plan.skipped:
            return []
        extra = [
            name for name, sources in plan.skipped if present.intersection(sources)
        ]
        return plan.kept + extra

    def _present(self, obj, plan):
        """The names absent from the type that this object has: its own
        attributes, its children."""
        base = aq_base(obj)
        own = base.__dict__
        has_child = getattr(base, "has_key", None)
        return {
            name
            for name in plan.absent
            if name in own or (has_child is not None and has_child(name))
        }

    def _plan_of(self, obj):
        base = aq_base(obj)
        key = (getattr(base, "portal_type", None), type(base), providedBy(obj))
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._plan(obj)
        return plan

    def _plan(self, obj):
        catalog = self.catalog
        names = list(catalog.indexes())
        wrapper = queryMultiAdapter((obj, catalog), IIndexableObject)
        if type(wrapper) is not IndexableSirhpContent or self._workflow_tool is None:
            return _Plan(names)
        kept, skipped = [], []
        for name in names:
            index = aq_base(catalog._catalog.getIndex(name))
            sources = tuple(index.getIndexSourceNames())
            if type(index) in SKIPPABLE and all(map(wrapper.sirhp_absent, sources)):
                skipped.append((name, sources))
            else:
                kept.append(name)
        absent = {source for _name, sources in skipped for source in sources}
        absent.update(filter(wrapper.sirhp_absent, catalog.schema()))
        roles = wrapper.sirhp_indexer(ROLES_INDEX) is plone_allowed_roles
        return _Plan(kept, tuple(skipped), tuple(absent), True, roles)
