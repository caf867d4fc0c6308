"""Which pages get Plone's JavaScript (the ``plone`` bundle, ~260 KB gzipped
with the patterns it loads).

Plain HTML forms serve the login page and Mon dossier: visitors that are not
logged in and officers reading their own file download no script. Staff
pages keep the bundle (folder contents, pickers, editors). The ``plone``
bundle's expression (``profiles/default/registry.xml``) calls
``needs_scripts``.
"""

from plone import api

# views served without Plone's JavaScript to a logged-in user
LIGHT_PAGES = frozenset({"mon-dossier"})
EXPRESSION = "python: modules['sirhp.policy.weight.scripts'].needs_scripts(request)"


def needs_scripts(request):
    """Whether the page being rendered loads the ``plone`` bundle.

    :param request: the current request.
    :returns: False for anonymous visitors and the light pages.
    """
    if api.user.is_anonymous():
        return False
    published = request.get("PUBLISHED")
    return getattr(published, "__name__", None) not in LIGHT_PAGES
