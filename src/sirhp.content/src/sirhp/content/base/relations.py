"""The relation catalog is not rewritten when a child is added to a container.

z3c.relationfield's ``updateRelations`` subscriber (for
``IHasOutgoingRelations``, ``IObjectModifiedEvent``) removes and re-adds
every relation of the modified object. ``OFS``' ``_setObject`` and
``_delObject`` notify ``IContainerModifiedEvent`` (an ``IObjectModifiedEvent``)
on the container: adding a career act, a leave request or a document to a
personnel file rewrote the file's ``unit`` relation, the same zc.relation
trees for every add, the first conflict between clerks working at once. A
container's own relations do not change when a child comes or goes, so
``update_relations`` skips that event; every other modification still
updates them.

A subscriber cannot be overridden in zcml, and z3c.unconfigure only sees the
registrations of the same configuration run (not those of a base test layer),
so the ``<sirhp:guardRelations />`` directive (``dependencies.zcml``) swaps
the handler in the component registry that holds it, once configuration is
done.
"""

import logging
from z3c.relationfield.event import updateRelations
from z3c.relationfield.interfaces import IHasOutgoingRelations
from zope.component import getGlobalSiteManager
from zope.container.interfaces import IContainerModifiedEvent
from zope.interface import Interface
from zope.lifecycleevent.interfaces import IObjectModifiedEvent

logger = logging.getLogger("sirhp.content.relations")
REQUIRED = (IHasOutgoingRelations, IObjectModifiedEvent)


def update_relations(obj, event):
    """``updateRelations``, except for a child added to or removed from ``obj``."""
    if IContainerModifiedEvent.providedBy(event):
        return
    updateRelations(obj, event)


def _registries(registry):
    yield registry
    for base in registry.__bases__:
        yield from _registries(base)


def swap_handler():
    """Replace ``updateRelations`` by ``update_relations`` where it is registered."""
    for registry in _registries(getGlobalSiteManager()):
        if registry.unregisterHandler(updateRelations, required=REQUIRED):
            registry.registerHandler(update_relations, required=REQUIRED)
            logger.debug("updateRelations guarded in %s", registry)


class IGuardRelations(Interface):
    """``<sirhp:guardRelations />``: no argument."""


def guard_relations(_context):
    # order 1: after every subscriber registration of the run (order 0)
    _context.action(
        discriminator=("sirhp:guardRelations",), callable=swap_handler, order=1
    )
