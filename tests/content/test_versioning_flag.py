"""Versioning cannot be switched off but by an administrator.

``versioning_enabled`` (plone.app.versioningbehavior) set to False hides the
whole history of an object and stops versioning it: its write permission is
``Manage portal`` (Manager on SIRHP sites), so edit forms omit it, REST
refuses it (403) and change requests never propose it.
"""

from plone import api
from plone.app.testing import login
import pytest
import requests
from sirhp.content.changes import api as changes
import transaction

JSON = {"Accept": "application/json"}


def _history_length(obj):
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        history = repository.getHistoryMetadata(obj)
        return history.getLength(countPurged=False) if history else 0


def _edit_form(portal, obj, user):
    login(portal, user)
    # plone.autoform checks field permissions only for an authenticated request
    portal.REQUEST["AUTHENTICATED_USER"] = api.user.get_current()
    form = obj.restrictedTraverse("@@edit")
    form.update()
    return form


def _widget_names(form):
    names = set(form.widgets.keys())
    for group in getattr(form, "groups", ()):
        names |= set(group.widgets.keys())
    return names


@pytest.mark.parametrize("user", ["clerk.pn", "hrmanager.pn"])
def test_edit_form_of_a_draft_omits_the_flag(portal, testdata, user):
    draft = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    form = _edit_form(portal, draft, user)
    assert api.user.has_permission("Modify portal content", obj=draft)
    names = _widget_names(form)
    # no versioning field at all: « Notes de version » is the administrators'
    assert not [name for name in names if name.startswith("IVersionable.")]


def test_edit_form_of_an_administrator_keeps_it(portal, testdata):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import TEST_USER_NAME

    draft = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    setRoles(portal, TEST_USER_ID, ["Manager"])
    form = _edit_form(portal, draft, TEST_USER_NAME)
    assert "IVersionable.versioning_enabled" in _widget_names(form)
    assert "IVersionable.changeNote" in _widget_names(form)


@pytest.mark.parametrize("user", ["clerk.pn", "hrmanager.pn"])
def test_never_proposed_in_a_change_request(portal, testdata, user):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    login(portal, user)
    with pytest.raises(changes.ChangeError, match="versioning_enabled"):
        changes.propose(
            target=file,
            changes={"versioning_enabled": False},
            justification="Archivage",
        )
    assert file.versioning_enabled is not False


def test_rest_patch_refused(functional, testdata):
    portal = functional["portal"]
    draft = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    validated = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    before = _history_length(draft)
    assert before >= 1
    auth = ("clerk.pn", testdata.PASSWORD)
    response = requests.patch(
        draft.absolute_url(),
        json={"versioning_enabled": False},
        auth=auth,
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 403, response.text
    proposed = requests.patch(
        validated.absolute_url(),
        json={"versioning_enabled": False, "justification": "x"},
        auth=auth,
        headers=JSON,
        timeout=30,
    )
    assert proposed.status_code == 400, proposed.text
    transaction.begin()
    assert draft.versioning_enabled is not False
    assert validated.versioning_enabled is not False
    assert _history_length(draft) == before
    assert not [o for o in validated.objectValues() if o.portal_type == "ChangeRequest"]
