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


def test_staff_pages_yes_mon_dossier_no(portal):
    request = portal.REQUEST
    with api.env.adopt_user(username="clerk.pn"):
        request["PUBLISHED"] = Published("view")
        assert needs_scripts(request) is True
        request["PUBLISHED"] = Published("mon-dossier")
        assert needs_scripts(request) is False


def test_bundle_expression_in_restricted_python(portal):
    """The bundle's expression runs (module declared public)."""
    logout()
    assert evaluateExpression(Expression(EXPRESSION), portal) is False
    with api.env.adopt_user(username="clerk.pn"):
        portal.REQUEST["PUBLISHED"] = Published("view")
        assert evaluateExpression(Expression(EXPRESSION), portal) is True
