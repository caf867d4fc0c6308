"""Training sessions: nominations within seats, results, four eyes on
closing, the training acts and certificates it files, coverage; refusals."""

from AccessControl import Unauthorized
from datetime import date
from plone import api
from plone.api.exc import InvalidParameterError
from plone.app.testing import login
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
from sirhp.content.training import api as training_api
from sirhp.content.training import coverage as training_coverage
from sirhp.content.training.api import TrainingError
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.training.helpers import planned_session

# a transition the guard refuses is not offered
REFUSED = (WorkflowException, InvalidParameterError)


def test_nominate_record_and_close_with_four_eyes(portal, testdata):
    agency, session, (file_a, file_b) = planned_session(portal, testdata)
    assert api.content.get_state(session) == "planned"
    training_api.nominate(session=session, file=file_a)
    training_api.nominate(session=session, file=file_b.UID())
    with pytest.raises(TrainingError):
        training_api.nominate(session=session, file=file_a)
    training_api.record_result(
        session=session, file=file_a, result="passed", score="14.5"
    )
    # as a French user types it, the same score
    training_api.record_result(
        session=session, file=file_a, result="passed", score=" 14,5 "
    )
    assert session.participants[file_a.UID()]["score"] == "14.5"
    with pytest.raises(TrainingError) as refused:
        training_api.record_result(
            session=session, file=file_b, result="absent", score=3
        )
    assert refused.value.field == "score"
    # "record" waits for every result
    with pytest.raises(REFUSED):
        api.content.transition(obj=session, transition="record")
    training_api.record_result(session=session, file=file_b, result="absent")
    api.content.transition(obj=session, transition="record")
    assert api.content.get_state(session) == "results_recorded"
    # nothing changes once recorded
    with pytest.raises(TrainingError):
        training_api.record_result(session=session, file=file_a, result="failed")
    # four eyes: the recorder never closes
    with pytest.raises(REFUSED):
        api.content.transition(obj=session, transition="close")
    login(portal, "siteadmin")
    api.content.transition(obj=session, transition="close")
    assert api.content.get_state(session) == "closed"
    act = file_a["formation-opj-2026"]
    assert act.event_type == "training"
    assert act.event_date == date(2026, 10, 16)
    assert api.content.get_state(act) == "validated"
    assert "OPJ" in act.details and "note 14,5/20" in act.details  # French
    assert "formation-opj-2026" not in file_b.objectIds()
    rows = training_api.trainings_of(file=file_a, at=REFERENCE_DATE)
    assert [(r["certificate"], r["expiry"], r["state"]) for r in rows] == [
        (True, date(2029, 10, 16), "valid")
    ]
    expired = training_api.trainings_of(file=file_a, at=date(2029, 10, 16))
    assert expired[0]["state"] == "expired"
    table = training_coverage.coverage(agency=agency, course="OPJ")
    assert table["trained"] == 1
    assert sum(g["trained"] for g in table["by"]["sex"].values()) == 1


def test_seats_and_refusals(portal, testdata):
    agency, session, (file_a, file_b) = planned_session(portal, testdata, capacity=1)
    training_api.nominate(session=session, file=file_a)
    with pytest.raises(TrainingError):
        training_api.nominate(session=session, file=file_b)
    for user in ("clerk.pn", "reviewer.pn", "commander.pn", "auditor", "hrmanager.ocs"):
        login(portal, user)
        with pytest.raises(Unauthorized):
            training_api.nominate(session=session, file=file_b)
    login(portal, "hrmanager.pn")
    with pytest.raises(TrainingError):
        training_coverage.coverage(agency=agency)


def test_permission_map_per_state(portal, testdata):
    """The whole map of the session's permissions per persona, per state."""
    _agency, session, (file_a, _file_b) = planned_session(portal, testdata)
    training_api.nominate(session=session, file=file_a)
    training_api.record_result(session=session, file=file_a, result="failed")
    readers = {"clerk.pn", "reviewer.pn", "hrmanager.pn", "auditor", "siteadmin"}
    managers = {"hrmanager.pn", "siteadmin"}
    personas = readers | {"commander.pn", "clerk.ocs", "hrmanager.ocs"}
    personas.add(testdata.FILES["pn_validated"])

    def check(manage, modify):
        for user in personas:
            has = api.user.has_permission
            assert bool(has("View", username=user, obj=session)) == (user in readers), (
                user
            )
            assert bool(has("sirhp: Manage training", username=user, obj=session)) == (
                user in manage
            ), user
            assert bool(has("Modify portal content", username=user, obj=session)) == (
                user in modify
            ), user

    check(managers, managers)
    api.content.transition(obj=session, transition="record")
    check(managers, set())
    login(portal, "siteadmin")
    api.content.transition(obj=session, transition="close")
    check(set(), set())


def test_coverage_endpoint_refused_to_others(portal, testdata):
    agency = portal["police-nationale"]
    for user, allowed in (
        ("hrmanager.pn", True),
        ("auditor", True),
        ("clerk.pn", False),
        ("commander.pn", False),
        ("hrmanager.ocs", False),
        (testdata.FILES["pn_validated"], False),
    ):
        assert (
            bool(
                api.user.has_permission(
                    "sirhp: View training coverage", username=user, obj=agency
                )
            )
            == allowed
        ), user
