"""Leave requests: who requests, who decides (four eyes), overlap and right
refused, cancel before the first day, balances, absences."""

from AccessControl import Unauthorized
from datetime import date
from plone import api
from plone.app.testing import login
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
from sirhp.content.leave import api as leave_api
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.clock import clock_on

# 2026-11-01 (a Sunday); the leave below starts after it
TODAY = REFERENCE_DATE


def _file(portal, testdata, name="pn_validated"):
    return portal.unrestrictedTraverse(testdata.path_of(name))


def _request(
    portal, file, user, leave_type="annual", start="2026-11-09", end="2026-11-13"
):
    login(portal, user)
    return leave_api.request_leave(
        file=file,
        leave_type=leave_type,
        start=start,
        end=end,
        reason="Congé annuel",
        today=TODAY,
    )


def test_officer_and_clerk_request_on_validated_files_only(portal, testdata):
    file = _file(portal, testdata)
    officer = testdata.FILES["pn_validated"]
    for user in ("clerk.pn", officer):
        assert api.user.has_permission(
            "sirhp: Add LeaveRequest", username=user, obj=file
        )
    for user in (
        "reviewer.pn",
        "commander.pn",
        "auditor",
        "clerk.ocs",
        testdata.FILES["pn_validated2"],
    ):
        assert not api.user.has_permission(
            "sirhp: Add LeaveRequest", username=user, obj=file
        )
    draft = _file(portal, testdata, "pn_draft")
    assert not api.user.has_permission(
        "sirhp: Add LeaveRequest", username="clerk.pn", obj=draft
    )
    leave = _request(portal, file, officer)
    assert api.content.get_state(leave) == "requested"
    assert leave.Title() == "Congé du 09/11/2026 au 13/11/2026"
    login(portal, "commander.pn")
    with pytest.raises(Unauthorized):
        leave_api.request_leave(
            file=file,
            leave_type="annual",
            start="2026-12-01",
            end="2026-12-02",
            reason="x",
            today=TODAY,
        )


def test_commander_or_hr_manager_approves_never_the_requester(portal, testdata):
    file = _file(portal, testdata)
    leave = _request(portal, file, "clerk.pn")
    for user in (
        "clerk.pn",
        testdata.FILES["pn_validated"],
        "reviewer.pn",
        "commander2.pn",
        "auditor",
    ):
        login(portal, user)
        with pytest.raises(
            (WorkflowException, Unauthorized, api.exc.InvalidParameterError)
        ):
            api.content.transition(obj=leave, transition="approve")
    login(portal, "commander.pn")
    api.content.transition(obj=leave, transition="approve")
    assert api.content.get_state(leave) == "approved"


def test_hr_manager_does_not_approve_own_request(portal, testdata):
    file = _file(portal, testdata)
    login(portal, "hrmanager.pn")
    # an HR manager is no requester here: the clerk asks, the HR manager decides
    leave = _request(portal, file, "clerk.pn")
    login(portal, "hrmanager.pn")
    api.content.transition(obj=leave, transition="approve")
    assert api.content.get_state(leave) == "approved"


def test_reject_needs_a_reason(portal, testdata):
    file = _file(portal, testdata)
    leave = _request(portal, file, testdata.FILES["pn_validated"])
    login(portal, "commander.pn")
    workflow = api.portal.get_tool("portal_workflow")
    with pytest.raises(WorkflowException, match="motif est obligatoire"):
        workflow.doActionFor(leave, "reject")
    api.content.transition(obj=leave, transition="reject", comment="Effectif réduit")
    assert api.content.get_state(leave) == "rejected"


def test_overlap_and_beyond_right_refused_in_french(portal, testdata):
    file = _file(portal, testdata)
    officer = testdata.FILES["pn_validated"]
    _request(portal, file, officer)
    with pytest.raises(leave_api.LeaveError) as refused:
        _request(portal, file, officer, start="2026-11-13", end="2026-11-16")
    assert refused.value.text() == (
        "Cette période chevauche un congé déjà demandé ou approuvé "
        "(du 09/11/2026 au 13/11/2026)."
    )
    # 5 days taken in 2026 of 30: 26 more are refused, 25 fit
    with pytest.raises(leave_api.LeaveError) as refused:
        _request(portal, file, officer, start="2026-12-01", end="2026-12-26")
    assert refused.value.text() == (
        "Droit dépassé pour 2026 : 26 jour(s) demandé(s), 25 restant(s)."
    )
    _request(portal, file, officer, start="2026-12-01", end="2026-12-25")
    with pytest.raises(leave_api.LeaveError, match="précède"):
        _request(portal, file, officer, start="2027-02-02", end="2027-02-01")
    with pytest.raises(leave_api.LeaveError, match="Type de congé inconnu"):
        _request(
            portal,
            file,
            officer,
            leave_type="holiday",
            start="2027-03-01",
            end="2027-03-02",
        )


def test_cancel_only_before_the_first_day_by_the_requester(portal, testdata):
    file = _file(portal, testdata)
    officer = testdata.FILES["pn_validated"]
    leave = _request(portal, file, officer)
    with clock_on(date(2026, 11, 2)):
        login(portal, "commander.pn")
        with pytest.raises((WorkflowException, api.exc.InvalidParameterError)):
            api.content.transition(obj=leave, transition="cancel")
        login(portal, officer)
        api.content.transition(obj=leave, transition="cancel")
    assert api.content.get_state(leave) == "cancelled"
    late = _request(portal, file, officer)
    with clock_on(date(2026, 11, 9)):
        login(portal, officer)
        with pytest.raises((WorkflowException, api.exc.InvalidParameterError)):
            api.content.transition(obj=late, transition="cancel")


def test_balances_count_across_new_year(portal, testdata):
    file = _file(portal, testdata)
    _request(portal, file, "clerk.pn", start="2026-12-25", end="2027-01-05")
    login(portal, testdata.FILES["pn_validated"])
    by_type = {
        row["leave_type"]: row for row in leave_api.balances(file=file, year=2026)
    }
    assert by_type["annual"] == {
        "leave_type": "annual",
        "label": "Congé annuel",
        "counting": "calendar",
        "year": 2026,
        "right": 30,
        "taken": 7,
        "remaining": 23,
    }
    by_type = {
        row["leave_type"]: row for row in leave_api.balances(file=file, year="2027")
    }
    assert by_type["annual"]["taken"] == 5
    with pytest.raises(leave_api.LeaveError):
        leave_api.balances(file=file, year="deux mille")


def test_absent_lists_approved_leave_of_the_day(portal, testdata):
    file = _file(portal, testdata)
    leave = _request(portal, file, "clerk.pn")
    agency = portal["police-nationale"]
    unit = portal.unrestrictedTraverse("police-nationale/dr-bamako")
    login(portal, "clerk.pn")
    assert leave_api.absent(unit_or_agency=agency, start="2026-11-10") == []
    login(portal, "commander.pn")
    api.content.transition(obj=leave, transition="approve")
    for context in (agency, unit):
        found = leave_api.absent(unit_or_agency=context, start=date(2026, 11, 10))
        assert [item["matricule"] for item in found] == [testdata.FILES["pn_validated"]]
    assert leave_api.absent(unit_or_agency=agency, start="2026-11-14") == []
    # the commander's home: every approved leave among his or her files
    found = leave_api.absent(unit_or_agency=None, start="2026-11-10")
    assert [item["matricule"] for item in found] == [testdata.FILES["pn_validated"]]
    login(portal, "commander2.pn")
    assert leave_api.absent(unit_or_agency=None, start="2026-11-10") == []
    login(portal, "commander.pn")
    kayes = portal.unrestrictedTraverse("police-nationale/dr-kayes")
    assert leave_api.absent(unit_or_agency=kayes, start="2026-11-10") == []
    login(portal, "clerk.ocs")
    assert leave_api.absent(unit_or_agency=agency, start="2026-11-10") == []


def test_attachment_read_only_by_hr_managers_auditors_and_officer(portal, testdata):
    file = _file(portal, testdata)
    leave = _request(portal, file, "clerk.pn", leave_type="sick")
    for user in ("hrmanager.pn", "auditor", testdata.FILES["pn_validated"]):
        assert api.user.has_permission(
            "sirhp: Field: read leave attachment", username=user, obj=leave
        )
    for user in ("clerk.pn", "reviewer.pn", "commander.pn", "clerk.ocs"):
        assert not api.user.has_permission(
            "sirhp: Field: read leave attachment", username=user, obj=leave
        )
