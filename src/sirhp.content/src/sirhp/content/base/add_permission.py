"""The add permission of one type checked in thousands of containers (a
campaign's evaluations in every file of an agency), asked once per
situation where the answer is provably the same.

``fti.isConstructionAllowed(container)`` checks the type's add permission
on the container: the roles the container gives that permission, then the
user's roles (global, then local: ``borg.localrole`` walks the container
and its parents, stopping where inheritance is blocked). Two containers in
the same parent that give the permission to the same roles, hold no local
role of the user or of their groups, do not block inheritance and have no
other local-role provider than their ``__ac_local_roles__``, get the same
answer: the walk finds nothing in them and goes on to the same parent.
Those share one check; any other container is checked in full. Only for a
Plone user of borg's local roles, called by no executable (no proxy role,
no owner of a script to check): anything else is checked in full too.
"""

from AccessControl import getSecurityManager
from AccessControl.PermissionRole import rolesForPermissionOn
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from borg.localrole.default_adapter import DefaultLocalRoleAdapter
from borg.localrole.interfaces import ILocalRoleProvider
from borg.localrole.workspace import WorkspaceLocalRoleManager
from plone import api
from Products.PlonePAS.plugins.ufactory import PloneUser
from zope.component import getSiteManager
from zope.component import queryUtility
from zope.interface import providedBy
from zope.security.interfaces import IPermission


class AddPermission:
    """``isConstructionAllowed`` of ``portal_type`` for the current user,
    for one run (the user and the roles above the containers do not change
    during it)."""

    def __init__(self, portal_type):
        self.fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
        permission = queryUtility(IPermission, name=self.fti.add_permission or "")
        self._title = permission.title if permission is not None else None
        self._principals = self._sharing_principals()
        self._answers = {}  # {(parent path, roles): answer}
        self._plain = {}  # {interfaces: only __ac_local_roles__ gives roles}

    def allowed(self, container):
        """May the current user add one in ``container``?"""
        key = self._situation(container)
        if key is None:
            return self.fti.isConstructionAllowed(container)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = self.fti.isConstructionAllowed(container)
        return answer

    def _sharing_principals(self):
        """The user's and their groups' ids, None when the answers may not
        be shared (see the module)."""
        manager = getSecurityManager()
        user = manager.getUser()
        if self._title is None or manager.calledByExecutable():
            return None
        if getattr(type(aq_base(user)), "allowed", None) is not PloneUser.allowed:
            return None  # PloneUser's own check (a subclass may differ)
        plugins = user._getLocalRolesPlugins()
        if not all(
            type(aq_base(plugin)) is WorkspaceLocalRoleManager
            for _id, plugin in plugins
        ):
            return None
        return [user.getId(), *user.getGroups()]

    def _situation(self, container):
        if self._principals is None or not self._only_own_roles(container):
            return None
        if getattr(container, "__ac_local_roles_block__", None):
            return None
        local = DefaultLocalRoleAdapter(container)
        if any(local.getRoles(principal) for principal in self._principals):
            return None
        roles = rolesForPermissionOn(self._title, container)
        roles = (roles,) if isinstance(roles, str) else tuple(sorted(roles or ()))
        return aq_parent(aq_inner(container)).getPhysicalPath(), roles

    def _only_own_roles(self, container):
        spec = providedBy(container)
        plain = self._plain.get(spec)
        if plain is None:
            factories = getSiteManager().adapters.lookupAll((spec,), ILocalRoleProvider)
            plain = self._plain[spec] = [f for _name, f in factories] == [
                DefaultLocalRoleAdapter
            ]
        return plain
