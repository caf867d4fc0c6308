"""The security matrix (matrix.py) checked in process with plone.api.

480 cells = 15 personas x 4 states x 8 operations, one parametrized test per
cell (ids: ``<persona>-<state>-<operation>-<allow|deny>``).

- view / edit / add: ``api.user.has_permission`` of "View", "Modify portal
  content", "sirhp: Add ScannedDocument" on the file; a view cell also checks
  that the catalog (allowedRolesAndUsers) agrees with the permission;
- sensitive: "View" and "sirhp: Field: read sensitive";
- transitions: offered by ``portal_workflow.getTransitionsFor`` exactly when
  allowed; then fired with ``api.content.transition``: the state must change
  to the target when allowed, and a refusal must raise and leave the state
  unchanged. Each test is rolled back (integration layer).
"""

from AccessControl import Unauthorized
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
from tests.security.matrix import CELL_COUNT
from tests.security.matrix import cell_id
from tests.security.matrix import cells
from tests.security.matrix import FILE_OF_STATE
from tests.security.matrix import MISSING_OFFICER_FILES
from tests.security.matrix import officer_login
from tests.security.matrix import TRANSITION_TARGET
from tests.security.matrix import TRANSITIONS

PERMISSIONS = {
    "view": "View",
    "edit": "Modify portal content",
    "add": "sirhp: Add ScannedDocument",
}
READ_SENSITIVE = "sirhp: Field: read sensitive"
CELLS = cells()


def _ids(cell):
    return cell_id(*cell)


def become(portal, testdata, persona, state):
    """Log in as ``persona`` (creating the officer's account if needed)."""
    if persona == "anonymous":
        logout()
        return
    username = officer_login(persona, state, testdata.FILES)
    if api.user.get(username=username) is None:
        assert username in {testdata.FILES[name] for name in MISSING_OFFICER_FILES}
        api.user.create(
            username=username,
            email=f"{username.lower()}@agents.example.ml",
            password=testdata.PASSWORD,
        )
    login(portal, username)


def test_matrix_has_480_cells():
    """15 personas x 4 states x 8 operations = 480 cells, all declared."""
    assert CELL_COUNT == 480
    assert len(CELLS) == 480
    assert len({cell[:3] for cell in CELLS}) == 480


@pytest.mark.parametrize(
    "persona,state,operation,expected", CELLS, ids=[_ids(c) for c in CELLS]
)
def test_matrix_cell(portal, testdata, persona, state, operation, expected):
    file = portal.unrestrictedTraverse(testdata.path_of(FILE_OF_STATE[state]))
    assert api.content.get_state(file) == state  # the fixture is what we think
    become(portal, testdata, persona, state)

    if operation in PERMISSIONS:
        assert api.user.has_permission(PERMISSIONS[operation], obj=file) is expected
        if operation == "view":
            found = api.content.find(UID=file.UID(), portal_type="PersonnelFile")
            assert len(found) == int(expected), (
                "catalog disagrees with the View permission"
            )
        return

    if operation == "sensitive":
        readable = api.user.has_permission(
            "View", obj=file
        ) and api.user.has_permission(READ_SENSITIVE, obj=file)
        assert readable is expected
        return

    assert operation in TRANSITIONS
    workflow = api.portal.get_tool("portal_workflow")
    offered = {t["id"] for t in workflow.getTransitionsFor(file)}
    assert (operation in offered) is expected, f"offered: {sorted(offered)}"
    comment = "Motif de contrôle : pièce manquante."
    if expected:
        api.content.transition(obj=file, transition=operation, comment=comment)
        assert api.content.get_state(file) == TRANSITION_TARGET[operation]
        entry = file.workflow_history["sirhp_record_workflow"][-1]
        assert entry["action"] == operation
        assert entry["actor"] == api.user.get_current().getId()
    else:
        with pytest.raises(
            (api.exc.InvalidParameterError, WorkflowException, Unauthorized)
        ):
            api.content.transition(obj=file, transition=operation, comment=comment)
        assert api.content.get_state(file) == state
