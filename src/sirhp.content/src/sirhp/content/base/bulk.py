"""Bulk creation: add many records to their files without the cascade a
plain add starts.

Each added object notifies its container as modified; a modified personnel
file reindexes its children and updates its local roles. Bulk work (a
collective decision, the demo generator) adds with the object's own events
only (``add_quietly``) and notifies each container once at most, when it
needs it.
"""

from OFS.event import ObjectWillBeAddedEvent
from plone.dexterity.utils import createContent
from zope.container.interfaces import INameChooser
from zope.event import notify
from zope.lifecycleevent import ObjectAddedEvent


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
