"""The demo's training and evaluation on the test site: made through the
APIs and workflows (four eyes kept), in the right states, with the dates of
the reference day whatever the day the test runs."""

from datetime import date
from plone import api
from plone.api.exc import InvalidParameterError
import pytest
from sirhp.content.evaluation import api as evaluation_api
from sirhp.content.training import api as training_api
from sirhp.policy.setuphandlers import demo
from sirhp.policy.setuphandlers.demo import hr_modules
from tests.clock import clock_on


def _actors(obj, action):
    (history,) = obj.workflow_history.values()
    return [entry["actor"] for entry in history if entry["action"] == action]


def _file(portal, testdata, name):
    return portal.unrestrictedTraverse(testdata.path_of(name))


# any day: the demo's data and its checks must not move with the calendar
LATER = date(2031, 5, 17)


@pytest.fixture
def training(portal, testdata):
    with clock_on(LATER):
        return demo.create_demo_training(portal, closer="siteadmin")


def test_training_catalogue_and_closed_session(portal, testdata, training):
    agency = portal["police-nationale"]
    # the test site has two active validated files in the Police nationale
    assert training == {"courses": 3, "sessions": 2, "acts": 2}
    assert set(training_api.courses(agency=agency)) == {"PROX", "GENRE", "DH"}
    closed = agency[hr_modules.CLOSED_SESSION["id"]]
    assert api.content.get_state(closed) == "closed"
    # four eyes: recorded by HR, closed by someone else
    assert _actors(closed, "record") == ["hrmanager.pn"]
    assert _actors(closed, "close") == ["siteadmin"]
    (history,) = closed.workflow_history.values()
    days = [entry["time"].asdatetime().date() for entry in history]
    assert days == [hr_modules.SESSION_DAYS[e["action"]] for e in history]
    assert closed.recorders == ("hrmanager.pn",)
    for name in ("pn_validated", "pn_validated2"):
        file = _file(portal, testdata, name)
        act = file[f"formation-{closed.getId()}"]
        assert act.event_type == "training"
        assert act.event_date == hr_modules.CLOSED_SESSION["end"]
        assert act.reference == "PROX"
        # the certificate runs 3 years from the session's last day
        assert closed.certificates[file.UID()] == date(2029, 5, 14)
    planned = agency[hr_modules.PLANNED_SESSION["id"]]
    assert api.content.get_state(planned) == "planned"
    assert planned.participants == {} or not planned.participants


def test_training_refuses_the_recorder_as_closer(portal, testdata):
    # the workflow offers no "close" to whoever recorded the results
    with pytest.raises(InvalidParameterError, match="close"):
        demo.create_demo_training(portal, closer="hrmanager.pn")


@pytest.mark.parametrize("step", hr_modules.STEPS)
def test_every_evaluation_step(portal, testdata, monkeypatch, step):
    # the test site's commissariat has one active validated file: the
    # officer's evaluation is taken to each step in turn
    monkeypatch.setattr(hr_modules, "STEPS", (step,))
    with clock_on(LATER):
        made = demo.create_demo_evaluation(portal)
    assert made["campaigns"] == 1
    assert made["evaluations"] == 2  # both active validated PN files
    assert made["steps"] == {step: 1}
    campaign = portal["police-nationale"][f"evaluation-{demo.REFERENCE_DATE.year}"]
    assert campaign.grid == hr_modules.CAMPAIGN["grid"]
    file = _file(portal, testdata, "pn_validated")
    evaluation = file[evaluation_api.evaluation_id(campaign)]
    expected_state = {
        "validated": "validated",
        "revised": "acknowledged",
        "to_acknowledge": "to_acknowledge",
        "filled": "draft",
        "draft": "draft",
    }[step]
    assert api.content.get_state(evaluation) == expected_state
    if step == "draft":
        assert evaluation.mark is None
        return
    assert evaluation.evaluator == "commander.pn"
    assert evaluation.mark is not None
    if step == "filled":
        assert evaluation.notified_on is None
        return
    assert _actors(evaluation, "submit") == ["commander.pn"]
    assert evaluation.notified_on == hr_modules.NOTIFIED_ON
    # the history is dated by the demo's calendar, not the day of the test
    (history,) = evaluation.workflow_history.values()
    for entry in history:
        day = hr_modules.EVALUATION_DAYS[entry["action"]]
        assert entry["time"].asdatetime().date() == day, entry["action"]
    officer = testdata.FILES["pn_validated"]
    if step == "validated":
        assert _actors(evaluation, "acknowledge") == [officer]
        assert _actors(evaluation, "validate") == ["hrmanager.pn"]
    if step == "revised":
        assert _actors(evaluation, "contest") == [officer]
        assert evaluation.contest_reasons == hr_modules.CONTEST_REASONS
        assert evaluation.revision["reviser"] == "hrmanager.pn"
        revised = float(evaluation.revision["marks"][hr_modules.REVISED_CRITERION])
        assert (
            revised
            == float(
                evaluation.revision["previous_marks"][hr_modules.REVISED_CRITERION]
            )
            + 2.5
        )
        assert evaluation.revision["previous_mark"] != evaluation.mark
    # the other file, in Kayes, is left to its own commander
    other = _file(portal, testdata, "pn_validated2")
    left = other[evaluation_api.evaluation_id(campaign)]
    assert api.content.get_state(left) == "draft" and left.mark is None
