"""The access table of leave requests (``sirhp.policy.leave.access``),
every cell in process: permissions and offered transitions of each persona
in each state (the shared harness of tests/security builds no leave request
yet)."""

from AccessControl import getSecurityManager
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
import pytest
from sirhp.content.leave import api as leave_api
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.leave.access import LEAVE
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.clock import clock_on
from tests.security.access import login_of
from tests.security.sirhp_objects import set_state

PERMISSIONS = {
    "view": "View",
    "attachment": "sirhp: Field: read leave attachment",
    "edit": "Modify portal content",
    "delete": "Delete objects",
}


def _leave(portal, testdata, state):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    login(portal, "clerk.pn")
    leave = leave_api.request_leave(
        file=file,
        leave_type="annual",
        start="2026-11-09",
        end="2026-11-13",
        reason="Congé annuel",
        today=REFERENCE_DATE,
    )
    logout()
    if state != "requested":
        set_state(leave, state)
        leave.reindexObject()
    return leave


def _ask(portal, leave, operation):
    if operation in PERMISSIONS:
        return bool(getSecurityManager().checkPermission(PERMISSIONS[operation], leave))
    workflow = api.portal.get_tool("portal_workflow")
    return operation in {t["id"] for t in workflow.getTransitionsFor(leave)}


@pytest.mark.parametrize("state", LEAVE.states)
def test_operation_map(portal, testdata, state):
    leave = _leave(portal, testdata, state)
    assert api.content.get_state(leave) == state
    wrong = {}
    with clock_on(REFERENCE_DATE):
        for persona in PERSONAS:
            user = login_of("leave", persona, state)
            if user is None:
                logout()
            else:
                login(portal, user)
            for operation in LEAVE.operations:
                actual = _ask(portal, leave, operation)
                if actual != LEAVE.allowed(persona, state, operation):
                    wrong[(persona, operation)] = actual
    assert wrong == {}


def test_no_cancel_from_the_first_day(portal, testdata):
    leave = _leave(portal, testdata, "approved")
    with clock_on(leave.start):
        for persona in ("clerk.pn", "officer"):
            login(portal, login_of("leave", persona, "approved"))
            assert not _ask(portal, leave, "cancel")
