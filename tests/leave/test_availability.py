"""Leave makes the officer unavailable (``leave.api.unavailable`` and
``is_available``, what deployment will use): approved leave only, first and
last day included. Explicit dates only."""

from datetime import date
from plone import api
from plone.app.testing import login
import pytest
from sirhp.content.leave import api as leave_api
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.clock import clock_on

FIRST = date(2026, 11, 9)
LAST = date(2026, 11, 13)


def _request(portal, file, user, start, end):
    login(portal, user)
    return leave_api.request_leave(
        file=file,
        leave_type="annual",
        start=start,
        end=end,
        reason="Congé annuel",
        today=REFERENCE_DATE,
    )


@pytest.fixture
def leaves(portal, testdata):
    """One approved, one requested, one rejected, one cancelled leave of
    pn_validated's officer."""
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    officer = testdata.FILES["pn_validated"]
    approved = _request(portal, file, "clerk.pn", FIRST, LAST)
    requested = _request(portal, file, "clerk.pn", "2026-11-23", "2026-11-24")
    rejected = _request(portal, file, "clerk.pn", "2026-12-01", "2026-12-02")
    cancelled = _request(portal, file, officer, "2026-12-07", "2026-12-08")
    login(portal, "commander.pn")
    api.content.transition(obj=approved, transition="approve")
    api.content.transition(obj=rejected, transition="reject", comment="Effectif réduit")
    with clock_on(date(2026, 11, 2)):
        login(portal, officer)
        api.content.transition(obj=cancelled, transition="cancel")
    states = [
        api.content.get_state(leave)
        for leave in (approved, requested, rejected, cancelled)
    ]
    assert states == ["approved", "requested", "rejected", "cancelled"]
    return file, approved


def test_an_approved_leave_makes_unavailable_on_its_days(portal, leaves):
    file, approved = leaves
    assert leave_api.is_available(file=file, start=date(2026, 11, 8))
    assert not leave_api.is_available(file=file, start=FIRST)
    assert not leave_api.is_available(file=file, start=LAST)
    assert leave_api.is_available(file=file, start=date(2026, 11, 14))
    # a period touching the leave by one day only
    assert not leave_api.is_available(file=file, start="2026-11-01", end="2026-11-09")
    assert not leave_api.is_available(file=file, start="2026-11-13", end="2026-11-20")
    assert leave_api.unavailable(file=file, start="2026-11-01", end="2026-11-30") == [
        {"start": FIRST, "end": LAST, "uid": approved.UID()}
    ]


def test_requested_rejected_cancelled_do_not_count(portal, leaves):
    file, _approved = leaves
    for start, end in (
        ("2026-11-23", "2026-11-24"),
        ("2026-12-01", "2026-12-02"),
        ("2026-12-07", "2026-12-08"),
    ):
        assert leave_api.is_available(file=file, start=start, end=end)
    assert leave_api.unavailable(file=file, start="2026-11-14", end="2026-12-31") == []


def test_only_the_officer_of_the_file(portal, testdata, leaves):
    other = portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
    assert leave_api.is_available(file=other, start=FIRST, end=LAST)


def test_whoever_asks_the_dates_are_the_same(portal, leaves):
    """Deployment needs the dates whatever leave the caller may see; no
    leave type is given out."""
    file, approved = leaves
    login(portal, "clerk.ocs")
    assert leave_api.unavailable(file=file, start=FIRST) == [
        {"start": FIRST, "end": LAST, "uid": approved.UID()}
    ]


def test_a_bad_date_is_refused(portal, leaves):
    file, _approved = leaves
    with pytest.raises(leave_api.LeaveError):
        leave_api.is_available(file=file, start="demain")
