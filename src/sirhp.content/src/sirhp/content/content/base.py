"""What every SIRHP content class shares: how it may be published.

Dexterity gives content a WebDAV/FTP face: ``manage_FTPget`` and
``manage_DAVget`` serve *every* field as one RFC 822 text, whatever the
fields' ``read_permission`` (medical notes included), under the mere View
permission, also through the ``_data`` pseudo-resource of containers;
``PUT``, ``PROPPATCH`` and ``LOCK`` write or lock past the forms, the
versioning and the journal. Zope itself protects that face with
"WebDAV access". Here it needs "WebDAV access" again (Manager only: the
rolemap of sirhp.policy), checked inside the export methods too (``_data``
called them on its parent without a check), and ``_data`` does not exist.
The few Zope management names that Zope leaves to any authenticated user or
to everyone need "View management screens" (Manager only), like the rest of
the management screens.

Records staff never need either: forms, pages and REST serve the data with
their field permissions, consultation reasons and journal.

A container checks a new object's name as CMF does, but asks for "Manage
portal" only when the answer depends on it (``SirhpContent._checkId``).
"""

from AccessControl import getSecurityManager
from AccessControl.PermissionRole import PermissionRole
from AccessControl.Permissions import view_management_screens
from AccessControl.Permissions import webdav_access
from Acquisition import aq_inner
from Acquisition import aq_parent
from OFS.ObjectManager import checkValidId
from plone.dexterity.browser.traversal import DexterityPublishTraverse
from plone.dexterity.content import FTIAwareSpecification
from plone.dexterity.interfaces import DAV_FOLDER_DATA_ID
from Products.BTreeFolder2.BTreeFolder2 import BTreeFolder2Base
from Products.CMFCore.interfaces import ISiteRoot
from sirhp.content.interfaces import ISirhpContent
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest

# The WebDAV/FTP face: read, write, lock, list, copy and move by WebDAV.
WEBDAV_NAMES = (
    "manage_DAVget",
    "manage_FTPget",
    "manage_hasId",
    "listDAVObjects",
    "PROPFIND",
    "PROPPATCH",
    "PUT",
    "PUT_factory",
    "MKCOL",
    "MKCOL_handler",
    "LOCK",
    "UNLOCK",
    "COPY",
    "MOVE",
)
# Management names Zope leaves public or to any authenticated user.
ZMI_NAMES = (
    "manage_addProduct",
    "manage_options",
    "manage_workspace",
    "manage_tabs",
    "manage_form_title",
    "manage_zmi_logout",
    "manage_clone",
)
MANAGER = ("Manager",)  # default roles, should the site grant no one


def may_use_webdav(context):
    return bool(getSecurityManager().checkPermission(webdav_access, context))


def reserved_name(container, name):
    """Whether ``name`` is one CMF keeps for portal managers in
    ``container``: the name of something of the site root that is not
    content, or one of the container type's method aliases (the two tests
    of ``PortalFolderBase._checkId`` for a user without "Manage portal")."""
    root = aq_inner(container)
    while root is not None and not ISiteRoot.providedBy(root):
        root = aq_parent(root)
    if (
        root is not None
        and hasattr(root, name)
        and name not in root.contentIds()
        and not name.startswith(".")
    ):
        return True
    info = container.getTypeInfo()
    return bool(info and info.queryMethodID(name, context=container))


@implementer(ISirhpContent)
class SirhpContent:
    """Mixin of the SIRHP content classes (first base, before Item/Container)."""

    # Dexterity's own: what an object provides includes its schema and
    # behaviours (a mixin placed first would otherwise hide it).
    __providedBy__ = FTIAwareSpecification()

    def _checkId(self, id, allow_dup=0):
        """Containers only: the check of a new object's name.

        CMF's check (``PortalFolderBase._checkId``, then BTreeFolder2's)
        asks whether the user has "Manage portal" here for every new
        object (a walk of the local roles of every parent: a tenth of a
        campaign opening's time) only to let a portal manager use a reserved
        name (``reserved_name``). A name that is not reserved gets the same
        answer for every user: its other checks are made (valid, not in
        use, not ``@@…``) without asking. A reserved name, or a check that
        allows duplicates, takes CMF's check, permission included.
        """
        if allow_dup or reserved_name(self, id):
            return super()._checkId(id, allow_dup)
        checkValidId(self, id, allow_dup)  # what OFS checks, "@@…" included
        BTreeFolder2Base._checkId(self, id, allow_dup)  # not in use
        return None

    def manage_FTPget(self, REQUEST=None, RESPONSE=None):
        """The object as RFC 822 text: WebDAV/FTP clients of administrators."""
        if not may_use_webdav(self):
            raise Unauthorized()
        return super().manage_FTPget(REQUEST, RESPONSE)

    def manage_DAVget(self):
        """The object's body in a WebDAV response (administrators)."""
        if not may_use_webdav(self):
            raise Unauthorized()
        return super().manage_DAVget()


class DerivedTitle:
    """A title made from the object's own fields (``derived_title``): a
    title given by a form or REST is ignored. Place after ``SirhpContent``,
    before ``Item``/``Container``."""

    def derived_title(self):
        raise NotImplementedError

    @property
    def title(self):
        return self.derived_title()

    @title.setter
    def title(self, value):
        """Ignored: derived."""

    def Title(self):
        return self.title


# What ClassSecurityInfo would do, without its warning for the names that
# only the Dexterity base classes define.
for _permission, _names in (
    (webdav_access, WEBDAV_NAMES),
    (view_management_screens, ZMI_NAMES),
):
    for _name in _names:
        setattr(SirhpContent, f"{_name}__roles__", PermissionRole(_permission, MANAGER))


@adapter(ISirhpContent, IBrowserRequest)
class SirhpPublishTraverse(DexterityPublishTraverse):
    """Dexterity's traversal without the ``_data`` pseudo-resource.

    Traversal runs before the user is known, so no permission can decide
    here: ``_data`` does not exist on SIRHP content, for anyone (an
    administrator's WebDAV client reads the object itself).
    """

    def publishTraverse(self, request, name):
        if name == DAV_FOLDER_DATA_ID:
            raise NotFound(name)
        return super().publishTraverse(request, name)
