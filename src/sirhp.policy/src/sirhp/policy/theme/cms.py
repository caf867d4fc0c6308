"""Plone's content management pages on SIRHP content, for administrators
only: folder contents, cut, copy, paste and rename. Registered again for the
``sirhp.policy`` layer with ``Manage portal`` (configure.zcml); Plone's own
classes do the work."""

import os
from plone.app.content.browser import contents
from plone.app.content.browser.contents import FolderContentsView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class ManagersFolderContents(FolderContentsView):
    """Plone's folder contents (its template: the class is registered
    without ``template=``, which would be relative to this package)."""

    index = ViewPageTemplateFile(
        os.path.join(
            os.path.dirname(contents.__file__), "templates", "folder_contents.pt"
        )
    )
