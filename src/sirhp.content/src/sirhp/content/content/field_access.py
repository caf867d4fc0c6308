"""Who may read or write one field of a content object.

The schema says it: plone.autoform's ``read_permission`` /
``write_permission`` tagged values (e.g. the medical fields of a personnel
file), checked for the current user on the object. Forms and plone.restapi
apply the same tags; change requests (proposing, showing, approving) ask
here, so every channel follows one rule.

A field without a tag has no rule of its own: the channel's permission
decides (``Modify portal content`` to edit, ``sirhp: Add ChangeRequest`` to
propose).
"""

from AccessControl import getSecurityManager
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from plone.dexterity.utils import iterSchemata
from plone.supermodel.utils import mergedTaggedValueDict
from zope.component import queryUtility
from zope.security.interfaces import IPermission


def field_permissions(obj, key=READ_PERMISSIONS_KEY):
    """{field name: permission zcml id} of every schema (and behaviour) of
    ``obj`` for ``key`` (READ_PERMISSIONS_KEY or WRITE_PERMISSIONS_KEY)."""
    permissions = {}
    for schema in iterSchemata(obj):
        permissions.update(mergedTaggedValueDict(schema, key))
    return permissions


def has_zcml_permission(permission_id, obj):
    """The current user holds the permission named by its zcml id on ``obj``.
    An unknown id is refused (as plone.restapi does)."""
    permission = queryUtility(IPermission, permission_id)
    if permission is None:
        return False
    return bool(getSecurityManager().checkPermission(permission.title, obj))


def may_read_field(obj, name):
    permission = field_permissions(obj, READ_PERMISSIONS_KEY).get(name)
    return permission is None or has_zcml_permission(permission, obj)


def may_write_field(obj, name):
    permission = field_permissions(obj, WRITE_PERMISSIONS_KEY).get(name)
    return permission is None or has_zcml_permission(permission, obj)
