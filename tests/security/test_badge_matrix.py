"""Every cell of tests/security/badge_matrix.py, in process (plone.api)."""

from AccessControl import getSecurityManager
from plone import api
import pytest
from tests.badges.conftest import print_badge
from tests.badges.conftest import request_badge
from tests.security.badge_matrix import BADGE_CELL_COUNT
from tests.security.badge_matrix import badge_cells
from tests.security.badge_matrix import BADGE_OPERATIONS
from tests.security.badge_matrix import BADGE_STATES
from tests.security.matrix import PERSONAS


def test_cell_count():
    cells = list(badge_cells())
    assert len(cells) == BADGE_CELL_COUNT == 450
    assert any(allowed for *_, allowed in cells)
    assert not all(allowed for *_, allowed in cells)


def _badge_in(portal, testdata, state):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    badge = request_badge(file)
    with api.env.adopt_roles(["Manager"]):
        if state != "requested":
            print_badge(badge)
        if state in ("issued", "expired"):
            api.content.transition(obj=badge, transition="issue")
        if state == "expired":
            from datetime import date
            from datetime import timedelta

            badge.expiry_date = date.today() - timedelta(days=1)
            api.content.transition(obj=badge, transition="expire")
        if state == "revoked":
            api.content.transition(
                obj=badge, transition="revoke", revocation_reason="lost"
            )
    assert api.content.get_state(badge) == state
    return badge


def _login(persona, testdata):
    if persona == "officer":
        return testdata.FILES["pn_validated"]
    if persona == "other_officer":
        return testdata.FILES["pn_validated2"]
    return persona


@pytest.mark.parametrize("state", BADGE_STATES)
def test_badge_matrix(portal, testdata, state):
    """One badge per state; the whole persona x operation map asserted."""
    badge = _badge_in(portal, testdata, state)
    expected = {
        (persona, operation): allowed
        for persona, cell_state, operation, allowed in badge_cells()
        if cell_state == state
    }
    actual = {}
    for persona in PERSONAS:
        for operation, permission in BADGE_OPERATIONS.items():
            if persona == "anonymous":
                with api.env.adopt_roles(["Anonymous"]):
                    actual[(persona, operation)] = bool(
                        getSecurityManager().checkPermission(permission, badge)
                    )
                continue
            actual[(persona, operation)] = api.user.has_permission(
                permission, username=_login(persona, testdata), obj=badge
            )
    wrong = {cell: value for cell, value in actual.items() if expected[cell] != value}
    assert wrong == {}
