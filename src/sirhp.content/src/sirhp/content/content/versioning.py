"""Versioning is not a user's choice: only administrators may switch it off.

plone.app.versioningbehavior's ``versioning_enabled`` is writable by whoever
may edit the object: set to False, it hides the whole history and no later
edit is versioned. Its write permission becomes ``Manage portal``
(administrators): the forms omit it, the REST deserializer refuses it (403),
and change requests never propose it (``NOT_PROPOSABLE`` and the field's
write permission). The behaviour's other form field, ``changeNote`` (« Notes
de version »), goes the same way: every change is versioned whoever makes
it, with the comment the forms and APIs set (a change request's
justification, a photo's note); a free note is for administrators.

Bulk creation (the benchmark demo, the upgrade that files the acts of every
existing file) creates objects without an initial version
(``without_initial_versions``), as a migration import would.
"""

from contextlib import contextmanager
from plone.app.versioningbehavior.behaviors import IVersionable
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from Products.CMFEditions.CopyModifyMergeRepositoryTool import (
    CopyModifyMergeRepositoryTool,
)

VERSIONING_FIELD = "versioning_enabled"
CHANGE_NOTE_FIELD = "changeNote"
VERSIONING_WRITE_PERMISSION = "cmf.ManagePortal"


def protect_versioning_flag():
    permissions = dict(IVersionable.queryTaggedValue(WRITE_PERMISSIONS_KEY) or {})
    for name in (VERSIONING_FIELD, CHANGE_NOTE_FIELD):
        permissions[name] = VERSIONING_WRITE_PERMISSION
    IVersionable.setTaggedValue(WRITE_PERMISSIONS_KEY, permissions)


protect_versioning_flag()


@contextmanager
def without_initial_versions():
    """Bulk mode: objects created inside get no initial CMFEditions version
    (versions then start at the first change). It patches the class in
    memory only (nothing persistent), and restores it on exit."""
    original = CopyModifyMergeRepositoryTool.isVersionable
    CopyModifyMergeRepositoryTool.isVersionable = lambda self, obj: False
    try:
        yield
    finally:
        CopyModifyMergeRepositoryTool.isVersionable = original
