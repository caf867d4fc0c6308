"""Annual evaluation in process: the campaign, evaluations for the whole
population (idempotent), marks filled by the unit's commander and the mark
computed, the workflow with four eyes (nobody evaluates, revises or
validates themselves), acknowledge, contest within the window, revision,
silence past the deadline, and who sees what."""

from AccessControl import Unauthorized
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.testing import login
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
from sirhp.content.evaluation import api as evaluation_api
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.clock import clock_on
from zExceptions import BadRequest

GRID = {"discipline": 40, "efficacite": 60}
YEAR = 2026


def _agency(portal):
    return portal["police-nationale"]


def _campaign(portal, **extra):
    login(portal, "hrmanager.pn")
    values = {
        "agency": _agency(portal),
        "year": YEAR,
        "grid": GRID,
        "evaluation_deadline": date(2026, 12, 15),
        "acknowledge_days": 15,
    }
    values.update(extra)
    return evaluation_api.create_campaign(**values)


def _evaluation_of(portal, testdata, campaign, name="pn_validated"):
    file = portal.unrestrictedTraverse(testdata.path_of(name))
    return file[evaluation_api.evaluation_id(campaign)]


@pytest.fixture
def campaign(portal):
    campaign = _campaign(portal)
    evaluation_api.create_evaluations(campaign=campaign)
    return campaign


@pytest.fixture
def evaluation(portal, testdata, campaign):
    return _evaluation_of(portal, testdata, campaign)


def _fill(portal, evaluation, user="commander.pn", marks=None):
    login(portal, user)
    return evaluation_api.set_marks(
        evaluation=evaluation,
        marks=marks or {"discipline": 12, "efficacite": 15},
        assessment="Agent sérieux.",
    )


def _do(portal, obj, user, transition, comment=""):
    login(portal, user)
    api.portal.get_tool("portal_workflow").doActionFor(obj, transition, comment=comment)


def _submitted(portal, evaluation):
    _fill(portal, evaluation)
    with clock_on(REFERENCE_DATE):
        _do(portal, evaluation, "commander.pn", "submit")
    return evaluation


def test_campaign_grid_checked_and_refused_to_others(portal):
    with pytest.raises(evaluation_api.EvaluationError) as refused:
        _campaign(portal, grid={"discipline": 40, "efficacite": 50})
    assert refused.value.field == "grid"
    for user in ("clerk.pn", "commander.pn", "hrmanager.ocs"):
        login(portal, user)
        with pytest.raises(Unauthorized):
            evaluation_api.create_campaign(
                agency=_agency(portal),
                year=YEAR,
                grid=GRID,
                evaluation_deadline=date(2026, 12, 15),
            )


def test_campaign_grid_checked_on_every_channel(portal):
    login(portal, "hrmanager.pn")
    with pytest.raises(BadRequest):
        api.content.create(
            container=_agency(portal),
            type="EvaluationCampaign",
            id="campagne",
            year=YEAR,
            grid={"discipline": 30},
            evaluation_deadline=date(2026, 12, 15),
        )


def test_one_evaluation_per_officer_idempotent(portal, testdata):
    campaign = _campaign(portal)
    count = evaluation_api.create_evaluations(campaign=campaign)
    name = evaluation_api.evaluation_id(campaign)
    created = [
        b.getObject() for b in api.content.find(portal_type="Evaluation", getId=name)
    ]
    assert count == len(created) and all(e.getId() == name for e in created)
    files = {e.aq_parent.getId() for e in created}
    # validated PN files with status active, not drafts nor the other agency
    assert testdata.FILES["pn_validated"] in files
    assert testdata.FILES["pn_validated2"] in files
    assert testdata.FILES["pn_draft"] not in files
    assert testdata.FILES["ocs_validated"] not in files
    assert evaluation_api.create_evaluations(campaign=campaign) == 0
    evaluation = created[0]
    assert api.content.get_state(evaluation) == "draft"
    assert evaluation.Title() == "Évaluation 2026"
    assert evaluation.grid == GRID


def test_commander_fills_mark_is_computed(portal, evaluation):
    assert _fill(portal, evaluation, marks={"discipline": 12}) is None
    mark = _fill(portal, evaluation)
    assert mark == evaluation.mark == "13.80"  # (12 x 40 + 15 x 60) / 100
    assert evaluation.evaluator == "commander.pn"
    with pytest.raises(evaluation_api.EvaluationError):
        _fill(portal, evaluation, marks={"discipline": 21, "efficacite": 10})
    with pytest.raises(evaluation_api.EvaluationError):
        _fill(portal, evaluation, marks={"discipline": 10, "autre": 10})


def test_wrong_people_cannot_fill(portal, testdata, evaluation):
    for user in ("hrmanager.pn", "clerk.pn", "commander2.pn", "auditor"):
        with pytest.raises(Unauthorized):
            _fill(portal, evaluation, user=user)
    # the officer cannot even see a draft
    login(portal, testdata.FILES["pn_validated"])
    assert not api.user.has_permission("View", obj=evaluation)


def test_submit_needs_complete_marks(portal, evaluation):
    _fill(portal, evaluation, marks={"discipline": 12})
    with pytest.raises(WorkflowException):
        _do(portal, evaluation, "commander.pn", "submit")
    _submitted(portal, evaluation)
    assert api.content.get_state(evaluation) == "to_acknowledge"
    assert evaluation.notified_on == REFERENCE_DATE
    # no more marks once submitted
    with pytest.raises(Unauthorized):
        _fill(portal, evaluation)


def test_officer_acknowledges_with_remarks_then_hr_validates(
    portal, testdata, evaluation
):
    _submitted(portal, evaluation)
    officer = testdata.FILES["pn_validated"]
    for user in ("commander.pn", "hrmanager.pn", testdata.FILES["pn_validated2"]):
        with pytest.raises((WorkflowException, Unauthorized)):
            _do(portal, evaluation, user, "acknowledge")
    _do(portal, evaluation, officer, "acknowledge", "Pris connaissance.")
    assert evaluation.officer_remarks == "Pris connaissance."
    # the evaluator never validates
    for user in ("commander.pn", officer, "clerk.pn"):
        with pytest.raises(WorkflowException):
            _do(portal, evaluation, user, "validate")
    _do(portal, evaluation, "hrmanager.pn", "validate")
    assert api.content.get_state(evaluation) == "validated"


def test_contest_needs_reasons_within_window_then_revision(
    portal, testdata, evaluation
):
    _submitted(portal, evaluation)
    officer = testdata.FILES["pn_validated"]
    with clock_on(REFERENCE_DATE + timedelta(days=15)):
        with pytest.raises(WorkflowException):
            _do(portal, evaluation, officer, "contest", "")
        _do(portal, evaluation, officer, "contest", "Note injuste.")
    assert evaluation.contest_reasons == "Note injuste."
    assert api.content.get_state(evaluation) == "contested"
    login(portal, "commander.pn")
    with pytest.raises(evaluation_api.EvaluationError):
        evaluation_api.revise(evaluation=evaluation, reason="Non", marks=None)
    login(portal, "hrmanager.pn")
    with pytest.raises(evaluation_api.EvaluationError):
        evaluation_api.revise(evaluation=evaluation, reason="  ")
    evaluation_api.revise(
        evaluation=evaluation,
        reason="Efficacité sous-estimée.",
        marks={"discipline": 12, "efficacite": 17},
    )
    assert evaluation.mark == "15.00"
    assert evaluation.revision["previous_mark"] == "13.80"
    assert evaluation.revision["reviser"] == "hrmanager.pn"
    assert api.content.get_state(evaluation) == "acknowledged"
    # the officer reads the final marks and the revision
    login(portal, officer)
    assert api.user.has_permission(
        "sirhp: Field: read evaluation marks", obj=evaluation
    )


def test_no_contest_after_the_window(portal, testdata, evaluation):
    _submitted(portal, evaluation)
    with clock_on(REFERENCE_DATE + timedelta(days=16)):
        with pytest.raises(WorkflowException):
            _do(portal, evaluation, testdata.FILES["pn_validated"], "contest", "x")


def test_silence_counts_as_acknowledged_after_the_deadline(portal, evaluation):
    _submitted(portal, evaluation)
    deadline = REFERENCE_DATE + timedelta(days=15)
    with clock_on(deadline):
        assert evaluation_api.acknowledge_overdue(today=deadline) == []
        # not even an administrator lapses it before
        with pytest.raises(WorkflowException):
            _do(portal, evaluation, "siteadmin", "lapse")
    day_after = deadline + timedelta(days=1)
    with clock_on(day_after):
        moved = evaluation_api.acknowledge_overdue(today=day_after)
    assert [e.UID() for e in moved] == [evaluation.UID()]
    assert api.content.get_state(evaluation) == "acknowledged"


def test_commander_does_not_evaluate_himself(portal, testdata, evaluation):
    # the officer holding the evaluate permission on his own evaluation
    # (were he a commander of his unit) is refused by the API and the guard
    officer = testdata.FILES["pn_validated"]
    login(portal, "commander.pn")
    evaluation_api.set_marks(
        evaluation=evaluation, marks={"discipline": 1, "efficacite": 1}
    )
    with api.env.adopt_user(username=officer):
        assert evaluation_api.is_officer(evaluation)
        assert not evaluation_api.may_submit(evaluation)


def test_who_sees_an_evaluation_and_its_marks(portal, testdata, evaluation):
    _submitted(portal, evaluation)
    readers = (
        "commander.pn",
        "hrmanager.pn",
        "auditor",
        testdata.FILES["pn_validated"],
    )
    others = (
        "clerk.pn",
        "reviewer.pn",
        "commander2.pn",
        "hrmanager.ocs",
        testdata.FILES["pn_validated2"],
    )
    for user in readers:
        assert api.user.has_permission("View", username=user, obj=evaluation), user
        assert api.user.has_permission(
            "sirhp: Field: read evaluation marks", username=user, obj=evaluation
        ), user
    for user in others:
        assert not api.user.has_permission("View", username=user, obj=evaluation), user
        login(portal, user)
        assert not api.content.find(UID=evaluation.UID()), user
    # marks are never catalog metadata
    catalog = api.portal.get_tool("portal_catalog")
    assert not {"mark", "marks", "assessment"} & set(catalog.schema())


def _page(portal, evaluation, user):
    login(portal, user)
    return api.content.get_view(
        name="view", context=evaluation, request=portal.REQUEST
    )()


def test_the_page_says_until_when_the_officer_may_answer(portal, testdata, evaluation):
    officer = testdata.FILES["pn_validated"]
    assert "sirhp-answer-deadline" not in _page(portal, evaluation, "commander.pn")
    _submitted(portal, evaluation)  # notified on the reference day, 15 days
    last = (REFERENCE_DATE + timedelta(days=15)).strftime("%d/%m/%Y")
    with clock_on(REFERENCE_DATE + timedelta(days=15)):  # the last day
        html = _page(portal, evaluation, officer)
    assert f"jusqu'au <strong>{last}</strong> inclus" in html
    assert "sirhp-transition-contest" in html
    with clock_on(REFERENCE_DATE + timedelta(days=16)):
        html = _page(portal, evaluation, officer)
    assert f"dépassé depuis le <strong>{last}</strong>" in html
    assert "sirhp-transition-contest" not in html
    _do(portal, evaluation, officer, "acknowledge")
    assert "sirhp-answer-deadline" not in _page(portal, evaluation, "hrmanager.pn")
