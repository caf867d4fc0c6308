"""A child added to a container rewrites neither the container's relations
nor, for an agency or a personnel file, its catalog entry.

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

For the same event plone.dexterity's ``reindexOnModify`` reindexed the
whole container: every new record rewrote its file's catalog entry (the
metadata record, each index's reverse entry, the text index's word list),
every new file its agency's — the entries clerks working at once in one
file or one agency conflicted on. What the catalog holds of an agency or a
file never comes from its children (its own fields, state, unit and local
roles: each change of those reindexes it), so ``reindex_on_modify`` skips
that event for them; other content, and every other modification, is
reindexed as before.

A subscriber cannot be overridden in zcml, and z3c.unconfigure only sees the
registrations of the same configuration run (not those of a base test layer),
so the ``<sirhp:guardRelations />`` directive (``dependencies.zcml``) swaps
the handlers in the component registry that holds them, once configuration
is done.
"""

import logging
from plone.dexterity.content import reindexOnModify
from plone.dexterity.interfaces import IDexterityContent
from sirhp.content.interfaces import IAgency
from sirhp.content.interfaces import IPersonnelFile
from z3c.relationfield.event import updateRelations
from z3c.relationfield.interfaces import IHasOutgoingRelations
from zope.component import getGlobalSiteManager
from zope.container.interfaces import IContainerModifiedEvent
from zope.interface import Interface
from zope.lifecycleevent.interfaces import IObjectModifiedEvent

logger = logging.getLogger("sirhp.content.relations")
REQUIRED = (IHasOutgoingRelations, IObjectModifiedEvent)
REINDEX_REQUIRED = (IDexterityContent, IObjectModifiedEvent)


def update_relations(obj, event):
    """``updateRelations``, except for a child added to or removed from ``obj``."""
    if IContainerModifiedEvent.providedBy(event):
        return
    updateRelations(obj, event)


def reindex_on_modify(obj, event):
    """``reindexOnModify``, except for a child added to or removed from an
    agency or a personnel file."""
    if IContainerModifiedEvent.providedBy(event) and (
        IAgency.providedBy(obj) or IPersonnelFile.providedBy(obj)
    ):
        return
    reindexOnModify(obj, event)


def _registries(registry):
    yield registry
    for base in registry.__bases__:
        yield from _registries(base)


SWAPS = (
    (updateRelations, update_relations, REQUIRED),
    (reindexOnModify, reindex_on_modify, REINDEX_REQUIRED),
)


def swap_handler():
    """Replace ``updateRelations`` and ``reindexOnModify`` by their guarded
    versions where they are registered."""
    for registry in _registries(getGlobalSiteManager()):
        for original, guarded, required in SWAPS:
            if registry.unregisterHandler(original, required=required):
                registry.registerHandler(guarded, required=required)
                logger.debug("%s guarded in %s", original.__name__, registry)


class IGuardRelations(Interface):
    """``<sirhp:guardRelations />``: no argument."""


def guard_relations(_context):
    # order 1: after every subscriber registration of the run (order 0)
    _context.action(
        discriminator=("sirhp:guardRelations",), callable=swap_handler, order=1
    )
