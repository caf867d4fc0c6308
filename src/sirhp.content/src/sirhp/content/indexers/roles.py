"""``allowedRolesAndUsers`` of the new objects of one bulk creation, the
local roles above their containers read once per container.

Plone's indexer (``Products.CMFPlone.CatalogTool.allowedRolesAndUsers``)
merges the local roles of the object and of every container up to the
portal (PAS, ``borg.localrole``'s ``getAllLocalRolesInContext``) for each
object; a campaign's 20,000 evaluations lie in 20,000 files of one agency.
Here the object's and its container's own local roles are read as borg
reads them (its ``ILocalRoleProvider`` adapters, the chain stopping where
inheritance is blocked) and joined to those above the container, read once
per container of the files. The same map, so the same value: ``tests/
content/test_bulk_creator.py`` compares it with Plone's. Made for one run
(``indexers.entries.NewEntries``): the roles above do not change during it.
Anything Plone's indexer would treat otherwise (no PlonePAS, another
local-roles plugin, a BBB workspace adapter, another ``acl_users`` on the
way) leaves the value to Plone's indexer (``value`` answers None).
"""

from AccessControl.PermissionRole import rolesForPermissionOn
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from borg.localrole.interfaces import IGroupAwareWorkspace
from borg.localrole.interfaces import IWorkspace
from borg.localrole.workspace import WorkspaceLocalRoleManager
from Products.CMFCore.utils import getToolByName
from Products.PlonePAS.interfaces.plugins import ILocalRolesPlugin


def _next(obj):
    """The next object of borg's chain (``_parent_chain``), None at its end
    (inheritance blocked, or the root)."""
    if getattr(obj, "__ac_local_roles_block__", None):
        return None
    return getattr(obj, "__self__", aq_parent(aq_inner(obj)))


def _has_workspace(obj):
    """borg's BBB path: a workspace adapter replaces the roles it found."""
    return IGroupAwareWorkspace(obj, IWorkspace(obj, None)) is not None


class RolesOfNewObjects:
    """Plone's ``allowedRolesAndUsers`` for the new objects of one run."""

    def __init__(self, catalog):
        acl_users = getToolByName(catalog, "acl_users", None)
        self._acl_users = aq_base(acl_users)
        self._plugins = None  # None: Plone's indexer decides
        if acl_users is not None and hasattr(self._acl_users, "_getAllLocalRoles"):
            plugins = [p for _id, p in acl_users.plugins.listPlugins(ILocalRolesPlugin)]
            if plugins and all(
                type(aq_base(p)) is WorkspaceLocalRoleManager for p in plugins
            ):
                self._plugins = plugins
        self._above = {}  # {container path: its local roles map, or None}
        self._plain_types = {}  # {(class, portal type): see _plain}

    def value(self, obj):
        """What Plone's indexer answers for ``obj``, or None (ask it)."""
        if self._plugins is None:
            return None
        allowed = set(rolesForPermissionOn("Access contents information", obj))
        if "Anonymous" in allowed:
            return ["Anonymous"]
        if "Authenticated" in allowed:
            return ["Authenticated"]
        local_roles = self._local_roles(obj)
        if local_roles is None:
            return None
        for user, roles in local_roles.items():
            if allowed.intersection(roles):
                allowed.add("user:" + user)
        allowed.discard("Owner")
        return list(allowed)

    def _local_roles(self, obj):
        """The map PAS's ``_getAllLocalRoles(obj)`` gives, or None."""
        rolemap = {}
        current = obj
        for _level in range(2):  # the object, its container
            if not self._plain(current):
                return None
            self._add_own(current, rolemap)
            current = _next(current)
            if current is None:
                return rolemap
        above = self._above_of(current)
        if above is None:
            return None
        for principal, roles in above.items():
            rolemap.setdefault(principal, set()).update(roles)
        return rolemap

    def _plain(self, obj):
        """No workspace adapter, no ``acl_users`` of its own: decided once
        per class and type for objects with no interface of their own (the
        interfaces, so the adapters, are then those of the class and type)."""
        base = aq_base(obj)
        own = base.__dict__
        if "__provides__" in own or "acl_users" in own:
            return not (_has_workspace(obj) or hasattr(base, "acl_users"))
        key = (type(base), getattr(base, "portal_type", None))
        plain = self._plain_types.get(key)
        if plain is None:
            plain = not (_has_workspace(obj) or hasattr(base, "acl_users"))
            self._plain_types[key] = plain
        return plain

    def _add_own(self, obj, rolemap):
        """The roles borg's loop takes from ``obj`` itself (the same from
        each plugin: its adapters are the registry's)."""
        for adapter in self._plugins[0]._getAdapters(obj):
            for principal, roles in adapter.getAllRoles():
                rolemap.setdefault(principal, set()).update(roles)

    def _above_of(self, container):
        key = container.getPhysicalPath()
        if key not in self._above:
            self._above[key] = self._read_above(container)
        return self._above[key]

    def _read_above(self, container):
        if aq_base(getToolByName(container, "acl_users", None)) is not self._acl_users:
            return None
        current = container
        while current is not None:
            if _has_workspace(current):
                return None
            current = _next(current)
        rolemap = {}
        for plugin in self._plugins:
            for principal, roles in plugin.getAllLocalRolesInContext(container).items():
                rolemap.setdefault(principal, set()).update(roles)
        return rolemap
