"""Which pages load Plone's JavaScript (sirhp.policy.weight.scripts)."""

from plone import api
from plone.app.testing import logout
from Products.CMFCore.Expression import Expression
from Products.CMFPlone.resources.utils import evaluateExpression
from sirhp.policy.weight.scripts import EXPRESSION
from sirhp.policy.weight.scripts import needs_scripts


class Published:
    def __init__(self, name):
        self.__name__ = name


def test_anonymous_never(portal):
    logout()
    portal.REQUEST["PUBLISHED"] = Published("login")
    assert needs_scripts(portal.REQUEST) is False


def test_staff_pages_no_forms_yes(portal, testdata):
    """Staff pages are plain HTML; the forms (tabs, pickers, rich text) and
    folder contents keep Plone's JavaScript."""
    request = portal.REQUEST
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with api.env.adopt_user(username="clerk.pn"):
        for name in ("view", "sirhp-accueil", "a-valider", "mon-dossier"):
            request["PUBLISHED"] = Published(name)
            assert needs_scripts(request) is False, name
        request["PUBLISHED"] = Published("folder_contents")
        assert needs_scripts(request) is True
        request["PUBLISHED"] = file.restrictedTraverse("@@edit")
        assert needs_scripts(request) is True


def test_administrators_with_the_toolbar_yes(portal):
    request = portal.REQUEST
    with api.env.adopt_roles(["Manager"]):
        request["PUBLISHED"] = Published("view")
        assert needs_scripts(request) is True


def test_bundle_expression_in_restricted_python(portal):
    """The bundle's expression runs (module declared public)."""
    logout()
    assert evaluateExpression(Expression(EXPRESSION), portal) is False
    with api.env.adopt_user(username="clerk.pn"):
        portal.REQUEST["PUBLISHED"] = Published("folder_contents")
        assert evaluateExpression(Expression(EXPRESSION), portal) is True
