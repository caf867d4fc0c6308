"""Bulk creation: add many records to their files without the cascade a
plain add starts.

Each added object notifies its container as modified; a modified personnel
file reindexes its children and updates its local roles. Bulk work (a
collective decision, the demo generator) adds with the object's own events
only (``add_quietly``) and notifies each container once at most, when it
needs it.
"""

from AccessControl.Permission import pname
from Acquisition import aq_base
from copy import copy
from DateTime import DateTime
from OFS.event import ObjectWillBeAddedEvent
from plone import api
from plone.dexterity.utils import createContent
from Products.CMFCore.indexing import getQueue
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.indexing import REINDEX
from sirhp.content.indexers.entries import NewEntries
import transaction
from z3c.relationfield.event import _setRelation
from z3c.relationfield.event import addRelations
from z3c.relationfield.interfaces import IRelation
from z3c.relationfield.interfaces import IRelationList
from z3c.relationfield.interfaces import IRelationValue
from zope.component import getAllUtilitiesRegisteredFor
from zope.container.interfaces import INameChooser
from zope.event import notify
from zope.interface import directlyProvidedBy
from zope.interface import implementer_only
from zope.interface import providedBy
from zope.interface.interfaces import IObjectEvent
from zope.intid.interfaces import IIntIds
from zope.keyreference.interfaces import IKeyReference
from zope.lifecycleevent import ObjectAddedEvent
from zope.schema import getFields


def add_quietly(container, portal_type, name=None, free=False, **fields):
    """Add a new object as ``createContentInContainer`` does (name chosen,
    owner, added event: intid, relations, workflow, catalog), without
    notifying ``container`` as modified; ``name`` is a wish (made unique),
    or, with ``free``, a name the caller found free in ``container`` (the
    name chooser's checks skipped: the bulk path of thousands of adds).
    Checks no permission: the caller
    does (``isConstructionAllowed``)."""
    obj = createContent(portal_type, **fields)
    if not (free and name):
        name = INameChooser(container).chooseName(name, obj)
    obj.id = name
    notify(ObjectWillBeAddedEvent(obj, container, name))
    container._setObject(name, obj, suppress_events=True)
    obj = container._getOb(name)
    notify(ObjectAddedEvent(obj, container, name))
    return obj


class IObjectAddedInBulk(IObjectEvent):
    """An object added by ``BulkCreator``: the SIRHP subscribers a new
    object of its type needs (a file's local roles, the journal's "create"
    line) listen to this too; Plone's generic ones do not."""


@implementer_only(IObjectAddedInBulk)
class ObjectAddedInBulk(ObjectAddedEvent):
    """See ``IObjectAddedInBulk``: the attributes of an added event
    (``newParent``, ``newName``), none of its interfaces."""


class BulkCreator:
    """Creates thousands of new objects of one type in one action (a
    campaign's evaluations, a legacy register's files): each gets what the
    added event gives a new object — owner, UID, intid, relations (with
    ``relations=True``), the workflow's initial state with its role
    mapping, a catalog entry, and SIRHP's own subscribers through
    ``ObjectAddedInBulk`` — without Plone's generic event chain.

    The generic chain has nothing to do for a new record: link integrity
    (no rich text), the redirector and the default page (a new name),
    content rules (none on SIRHP records), the multilingual and caching
    purge subscribers, the versioning of an initial version; and the
    workflow's role mapping is the same for every object entering the
    initial state (computed once, copied). ``tests/content/
    test_bulk_creator.py`` compares objects created here with objects
    added the usual way: same catalog entry, permissions, owner, local
    roles, workflow state, relations and journal line.

    The caller checks permissions (``isConstructionAllowed``; in thousands
    of containers, ``base.add_permission``) and calls
    ``flush()`` every few hundred objects and after the last: the catalog
    entries are written then, not through the indexing queue (it would
    hold every object until the commit, and ask every index). What a
    caller leaves unflushed is flushed when the transaction commits.
    """

    def __init__(self, portal_type, relations=False):
        wftool = api.portal.get_tool("portal_workflow")
        chain = wftool.getChainForPortalType(portal_type)
        if len(chain) != 1:
            raise ValueError(f"{portal_type}: one workflow expected, {chain}")
        self.portal_type = portal_type
        self.wftool = wftool
        self.workflow = wftool[chain[0]]
        self.intids = tuple(getAllUtilitiesRegisteredFor(IIntIds))
        self.actor = api.user.get_current().getId()
        self.relations = relations
        self._mapping = None
        self._relation_fields = None  # [(name, is_list)], found on the first
        self._entries = NewEntries(api.portal.get_tool("portal_catalog"))
        self._pending = []  # added, not catalogued yet
        self._watched = None  # the transaction whose commit flushes

    def add(self, container, name, **fields):
        """Add one object named ``name`` (free in ``container``: the caller
        checked) with ``fields``; returns it in its container."""
        obj = createContent(self.portal_type, **fields)
        obj.id = name
        container._setObject(name, obj, suppress_events=True)  # owner set
        obj = container._getOb(name)
        key = IKeyReference(obj)
        for utility in self.intids:
            utility.register(key)
        workflow = self.workflow
        self.wftool.setStatusOf(
            workflow.id,
            obj,
            {
                "action": None,
                "review_state": workflow.initial_state,
                "actor": self.actor,
                "comments": "",
                "time": DateTime(),
            },
        )
        self._set_role_mapping(obj)
        if self.relations:
            self._add_relations(obj)
        notify(ObjectAddedInBulk(obj, container, name))
        self._pending.append(obj)  # catalogued by flush()
        self._watch_commit()
        return obj

    def _watch_commit(self):
        """Have this transaction's commit flush what is left unflushed: an
        object added here and never catalogued would be found by no
        search."""
        current = transaction.get()
        if self._watched is not current:
            self._watched = current
            current.addBeforeCommitHook(self._flush_left)

    def _flush_left(self):
        if self._pending:
            self.flush(savepoint=False)

    def _set_role_mapping(self, obj):
        """The initial state's role mapping: computed by the workflow for
        the first object, copied to the others (the same state, the same
        permissions: what ``updateRoleMappingsFor`` would set)."""
        if self._mapping is None:
            self.workflow.updateRoleMappingsFor(obj)
            base = aq_base(obj)
            self._mapping = {
                name: getattr(base, name)
                for name in map(pname, self.workflow.permissions)
                if name in base.__dict__
            }
            return
        for name, roles in self._mapping.items():
            setattr(obj, name, copy(roles))

    def _add_relations(self, obj):
        """Register the object's relations, as z3c.relationfield's
        ``addRelations`` does. Its fields are looked for in every interface
        the object provides, for each object: the relation fields of the
        type are found on the first object and reused for the others that
        provide no interface of their own (those take the full search)."""
        if tuple(directlyProvidedBy(obj)):
            addRelations(obj, None)
            return
        if self._relation_fields is None:
            self._relation_fields = relation_fields(obj)
        for name, is_list in self._relation_fields:
            value = getattr(obj, name, None)
            for relation in (value or ()) if is_list else (value,):
                if IRelationValue.providedBy(relation):
                    _setRelation(obj, name, relation)

    def flush(self, savepoint=True):
        """Write the catalog entries of the objects added since the last
        flush (``indexers.entries``: only the indexes they may have a value
        for) and what else is queued; then, with ``savepoint``, let the ZODB
        cache drop what is written (a savepoint: it writes every object
        changed since the last one, and the commit copies it again: the
        fewer, the faster, the more memory). Called after the last add too:
        an object added and not flushed has no catalog entry."""
        pending, self._pending = self._take_over_queue(), []
        processQueue()
        for obj in pending:
            self._entries.write(obj)
        if savepoint:
            transaction.savepoint(optimistic=True)

    def _take_over_queue(self):
        """The added objects to catalogue here. A reindex a subscriber
        queued for one of them is dropped: its full entry, written here,
        holds it (the queue would merge both into one full cataloguing).
        One with any other queued operation is left to the queue, with the
        indexing its add would have queued: the queue's own merge."""
        pending = {id(aq_base(obj)): obj for obj in self._pending}
        queue = getQueue()
        kept, to_queue = [], {}
        for operation in queue.getState():
            key = id(aq_base(operation[1]))
            if key not in pending:
                kept.append(operation)
            elif operation[0] != REINDEX:
                kept.append(operation)
                to_queue[key] = pending[key]
        queue.setState(kept)
        for obj in to_queue.values():
            queue.index(obj)
        return [obj for key, obj in pending.items() if key not in to_queue]


def relation_fields(obj):
    """``[(name, is_list)]``: the relation and relation-list fields of the
    interfaces ``obj`` provides, in the order z3c.relationfield's
    ``addRelations`` visits them (each name once)."""
    found, seen = [], set()
    for iface in providedBy(obj).flattened():
        for name, field in getFields(iface).items():
            for kind, is_list in ((IRelation, False), (IRelationList, True)):
                if kind.providedBy(field) and (name, is_list) not in seen:
                    seen.add((name, is_list))
                    found.append((name, is_list))
    return found
