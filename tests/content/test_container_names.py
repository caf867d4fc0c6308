"""A SIRHP container checks a new object's name as CMF does
(``SirhpContent._checkId``): same answer as Plone's check for every name
and user, and "Manage portal" is asked only for a reserved name."""

from plone import api
from plone.folder.ordered import CMFOrderedBTreeFolderBase
import pytest
from sirhp.content.content.base import reserved_name
from unittest import mock
from zExceptions import BadRequest

NAMES = (
    "evaluation-2031-0a1b2c3d",  # free
    "portal_catalog",  # a tool of the site root: reserved
    "acl_users",  # idem
    "view",  # a method alias of the type: reserved
    "edit",  # idem
    "index_html",  # allowed by CMF whoever asks
    "@@view",
    "++add++Evaluation",
    "_private",
    "aq_parent",
    "ends__",
    "bad name/with slash",
    "",
)
USERS = ("clerk.pn", "hrmanager.pn", "siteadmin", "Manager")  # the last: a role


def ours(container, name):
    return container._checkId(name)


def _answer(check, container, name):
    try:
        return ("ok", check(container, name))
    except BadRequest as error:
        return ("refused", str(error))


@pytest.fixture
def containers(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    agency = portal["police-nationale"]
    # the name of an object already in the file
    return {"file": file, "agency": agency, "used": file.objectIds()[0]}


def test_same_answer_as_plone_for_every_name_and_user(containers):
    names = NAMES + (containers["used"],)
    for username in USERS:
        if username == "Manager":
            who = api.env.adopt_roles(["Manager"])
        else:
            who = api.env.adopt_user(username=username)
        with who:
            for where in ("file", "agency"):
                container = containers[where]
                for name in names:
                    mine = _answer(ours, container, name)
                    plone = _answer(CMFOrderedBTreeFolderBase._checkId, container, name)
                    assert mine == plone, (username, where, name)
    # the cases the comparison covers: refused to a clerk, allowed to an
    # administrator; refused to all; allowed to all
    file = containers["file"]
    with api.env.adopt_user(username="clerk.pn"):
        assert _answer(ours, file, "view")[0] == "refused"
        assert _answer(ours, file, "portal_catalog")[0] == "refused"
        assert _answer(ours, file, containers["used"])[0] == "refused"
        assert _answer(ours, file, NAMES[0]) == ("ok", None)
    with api.env.adopt_roles(["Manager"]):  # "Manage portal"
        assert _answer(ours, file, "view") == ("ok", None)
        assert _answer(ours, file, containers["used"])[0] == "refused"


def test_the_permission_is_asked_only_for_a_reserved_name(containers):
    file = containers["file"]
    assert not reserved_name(file, NAMES[0])
    assert reserved_name(file, "view") and reserved_name(file, "portal_catalog")
    with api.env.adopt_user(username="clerk.pn"):
        asked = mock.MagicMock(side_effect=AssertionError("permission asked"))
        with mock.patch("Products.CMFCore.PortalFolder.getSecurityManager", asked):
            file._checkId(NAMES[0])  # free: nothing asked
            with pytest.raises(AssertionError, match="permission asked"):
                file._checkId("view")  # reserved: CMF's check
