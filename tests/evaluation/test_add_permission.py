"""The add permission asked once per situation (``base/add_permission.py``,
the campaign opening's check in every file) answers, file by file, what
``isConstructionAllowed`` answers: a local role or a blocked inheritance on
one file is not shared with the others."""

from plone import api
import pytest
from sirhp.content.base.add_permission import AddPermission

USERS = (
    "hrmanager.pn",
    "hrmanager.ocs",
    "clerk.pn",
    "reviewer.pn",
    "commander.pn",
    "auditor",
    "siteadmin",
)


def _files(portal):
    brains = portal.portal_catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile", sort_on="path"
    )
    return [brain._unrestrictedGetObject() for brain in brains]


@pytest.mark.parametrize("user", USERS)
def test_the_answers_of_plone(portal, testdata, user):
    files = _files(portal)
    assert len(files) >= 8
    with api.env.adopt_user(username=user):
        check = AddPermission("Evaluation")
        expected = [check.fti.isConstructionAllowed(file) for file in files]
        assert [check.allowed(file) for file in files] == expected
        assert [check.allowed(file) for file in reversed(files)] == expected[::-1]
    if user == "hrmanager.pn":
        assert True in expected and False in expected


def test_a_local_role_on_one_file_is_its_own(portal, testdata):
    agency = portal["police-nationale"]
    granted = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    other = portal.unrestrictedTraverse(testdata.path_of("pn_pending"))
    granted.manage_setLocalRoles("reviewer.pn", ["HRManager"])
    with api.env.adopt_user(username="reviewer.pn"):
        check = AddPermission("Evaluation")
        assert check.allowed(other) is False
        assert check.allowed(granted) is True
        assert check.allowed(other) is False
        assert check.fti.isConstructionAllowed(granted)
    assert other.aq_parent.aq_base is granted.aq_parent.aq_base is agency.aq_base


def test_a_file_that_blocks_inheritance_is_its_own(portal, testdata):
    blocked = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    other = portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
    with api.env.adopt_user(username="hrmanager.pn"):
        check = AddPermission("Evaluation")
        assert check.allowed(other) is True
        blocked.__ac_local_roles_block__ = True
        assert check.fti.isConstructionAllowed(blocked) is False
        assert check.allowed(blocked) is False
        assert check.allowed(other) is True
    # the siblings shared one check
    assert len(check._answers) == 1
