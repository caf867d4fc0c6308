"""Badges: request, numbers, printing, issue, revocation, reissue, departures."""

from datetime import date
from datetime import timedelta
from plone import api
from plone.app.testing import login
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
from sirhp.content.badges import rules
from zExceptions import BadRequest


def _file(portal, testdata, name="pn_validated"):
    return portal.unrestrictedTraverse(testdata.path_of(name))


def _request(portal, file, user="clerk.pn", **data):
    login(portal, user)
    return api.content.create(
        container=file, type="Badge", id="carte", safe_id=True, **data
    )


def _print(badge):
    from sirhp.content.badges.api import print_batch

    return print_batch(badges=[badge])


def test_request_gives_random_number_and_token(portal, testdata):
    file = _file(portal, testdata)
    badge = _request(portal, file)
    assert api.content.get_state(badge) == "requested"
    assert rules.is_valid_card_number(badge.card_number)
    assert badge.card_number.startswith("PN-")
    assert file.matricule not in badge.card_number
    assert badge.verification_id and len(badge.verification_id) == 16
    other = _request(portal, _file(portal, testdata, "pn_validated2"))
    assert other.card_number != badge.card_number
    assert other.verification_id != badge.verification_id


def test_ocs_numbers(portal, testdata):
    badge = _request(portal, _file(portal, testdata, "ocs_validated"), user="clerk.ocs")
    assert badge.card_number.startswith("OCS-")


@pytest.mark.parametrize("name", ["pn_draft", "pn_pending", "pn_archived"])
def test_no_badge_on_unvalidated_file(portal, testdata, name):
    from AccessControl import Unauthorized

    file = _file(portal, testdata, name)
    login(portal, "clerk.pn")
    assert not api.user.has_permission("sirhp: Add Badge", obj=file)
    with pytest.raises((Unauthorized, ValueError, api.exc.InvalidParameterError)):
        api.content.create(container=file, type="Badge", id="carte")


@pytest.mark.parametrize(
    "user", ["reviewer.pn", "commander.pn", "auditor", "clerk.ocs", "hrmanager.ocs"]
)
def test_who_may_not_request(portal, testdata, user):
    file = _file(portal, testdata)
    assert not api.user.has_permission("sirhp: Add Badge", username=user, obj=file)


def test_hr_manager_may_request(portal, testdata):
    file = _file(portal, testdata)
    assert api.user.has_permission(
        "sirhp: Add Badge", username="hrmanager.pn", obj=file
    )


def test_print_sets_dates_and_snapshot(portal, testdata):
    file = _file(portal, testdata)
    badge = _request(portal, file)
    pdf = _print(badge)
    assert pdf.startswith(b"%PDF")
    assert api.content.get_state(badge) == "printed"
    assert badge.issue_date == date.today()
    assert badge.expiry_date == rules.expiry_for(date.today(), 5)
    assert badge.holder_name == file.full_name
    assert badge.holder_agency == "Police nationale"
    assert badge.holder_grade


def test_officer_sees_badge_once_printed(portal, testdata):
    file = _file(portal, testdata)
    officer = testdata.FILES["pn_validated"]
    badge = _request(portal, file)
    assert not api.user.has_permission("View", username=officer, obj=badge)
    _print(badge)
    assert api.user.has_permission("View", username=officer, obj=badge)
    assert not api.user.has_permission(
        "View", username=testdata.FILES["pn_validated2"], obj=badge
    )
    assert not api.user.has_permission("View", username="clerk.ocs", obj=badge)


def test_issue_then_expire_only_after_expiry(portal, testdata):
    badge = _request(portal, _file(portal, testdata))
    _print(badge)
    api.content.transition(obj=badge, transition="issue")
    assert api.content.get_state(badge) == "issued"
    with pytest.raises((WorkflowException, api.exc.InvalidParameterError)):
        api.content.transition(obj=badge, transition="expire")
    badge.expiry_date = date.today() - timedelta(days=1)
    api.content.transition(obj=badge, transition="expire")
    assert api.content.get_state(badge) == "expired"


def test_revoke_needs_a_reason(portal, testdata):
    badge = _request(portal, _file(portal, testdata))
    _print(badge)
    workflow = api.portal.get_tool("portal_workflow")
    with pytest.raises(WorkflowException, match="motif de révocation"):
        workflow.doActionFor(badge, "revoke", comment="perdue")
    assert api.content.get_state(badge) == "printed"
    with pytest.raises(WorkflowException, match="motif de révocation"):
        workflow.doActionFor(badge, "revoke", revocation_reason="nonsense")
    api.content.transition(obj=badge, transition="revoke", revocation_reason="lost")
    assert api.content.get_state(badge) == "revoked"
    assert badge.revocation_reason == "lost"


def test_officer_and_commander_cannot_transition(portal, testdata):
    badge = _request(portal, _file(portal, testdata))
    _print(badge)
    for user in (testdata.FILES["pn_validated"], "commander.pn", "auditor"):
        login(portal, user)
        workflow = api.portal.get_tool("portal_workflow")
        assert not workflow.getTransitionsFor(badge)


def test_reissue_revokes_previous(portal, testdata):
    file = _file(portal, testdata)
    first = _request(portal, file)
    _print(first)
    second = _request(portal, file, request_reason="replacement")
    assert api.content.get_state(first) == "revoked"
    assert first.revocation_reason == "reissue"
    assert api.content.get_state(second) == "requested"


@pytest.mark.parametrize("status", ["retired", "dismissed", "deceased", "resigned"])
def test_departure_revokes_active_badge(portal, testdata, status):
    from zope.lifecycleevent import modified

    file = _file(portal, testdata)
    badge = _request(portal, file)
    _print(badge)
    login(portal, "hrmanager.pn")
    file.status = status
    modified(file)
    assert api.content.get_state(badge) == "revoked"
    assert badge.revocation_reason == "departure"


def test_archive_revokes_active_badge(portal, testdata):
    file = _file(portal, testdata)
    badge = _request(portal, file)
    login(portal, "hrmanager.pn")
    api.content.transition(obj=file, transition="archive", comment="Départ")
    assert api.content.get_state(badge) == "revoked"


def test_no_request_for_departed_agent(portal, testdata):
    file = _file(portal, testdata)
    file.status = "retired"
    with pytest.raises(BadRequest, match="quitté le service"):
        _request(portal, file)


def test_card_number_cannot_be_changed_over_rest_schema(portal, testdata):
    from sirhp.content.badges.content import IBadgeSchema

    assert IBadgeSchema["card_number"].readonly
    assert IBadgeSchema["revocation_reason"].readonly


def test_expire_overdue(portal, testdata):
    from sirhp.policy.badges.workflow import expire_overdue

    file = _file(portal, testdata)
    badge = _request(portal, file)
    _print(badge)
    other = _request(portal, _file(portal, testdata, "pn_validated2"))
    _print(other)
    assert expire_overdue() == []
    badge.expiry_date = date.today() - timedelta(days=1)
    badge.reindexObject()
    assert expire_overdue() == [badge.card_number]
    assert api.content.get_state(badge) == "expired"
    assert api.content.get_state(other) == "printed"
