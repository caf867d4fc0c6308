"""Which pages get Plone's JavaScript (the ``plone`` bundle, ~260 KB gzipped
with the patterns it loads).

Only the pages that use its patterns: forms (z3c.form add and edit forms:
tabs, pickers, rich text), folder contents, and every page of a user who has
the toolbar (administrators: the toolbar is a pattern). Everything else —
the login page, the home page of each role, Mon dossier, personnel files,
À valider, listings, searches, transition forms — is plain HTML, within
60 KB on a 256 kbit/s link once the style sheets are cached. The ``plone``
bundle's expression (``profiles/default/registry.xml``) calls
``needs_scripts``.
"""

from plone import api
from plone.z3cform.interfaces import IFormWrapper
from z3c.form.interfaces import IForm

# pages that need the patterns without being forms
PATTERN_PAGES = frozenset({"folder_contents"})
TOOLBAR = "Show Toolbar"
EXPRESSION = "python: modules['sirhp.policy.weight.scripts'].needs_scripts(request)"


def needs_scripts(request):
    """Whether the page being rendered loads the ``plone`` bundle.

    :param request: the current request.
    :returns: True for forms, folder contents and users with the toolbar;
        False for anonymous visitors and every other page.
    """
    if api.user.is_anonymous():
        return False
    published = request.get("PUBLISHED")
    if IForm.providedBy(published) or IFormWrapper.providedBy(published):
        return True
    if getattr(published, "__name__", None) in PATTERN_PAGES:
        return True
    context = getattr(published, "context", None) or api.portal.get()
    return api.user.has_permission(TOOLBAR, obj=context)
