"""Every cell of the evaluation access table
(``sirhp.policy.evaluation.access``), in process: one evaluation of officer
A per state, each persona asked every operation (permissions, the API, the
workflow's guards), changes rolled back at once. The shared tables
(``tests/security``) do not hold this type yet."""

from AccessControl import Unauthorized
from datetime import date
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
from sirhp.content.evaluation import api as evaluation_api
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.evaluation.access import EVALUATION
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.clock import clock_on
from tests.security.access import login_of
import transaction

MARKS = {"discipline": 12, "efficacite": 15}
# how each state is reached from draft: (user, transition, comment)
PATH = {
    "draft": (),
    "to_acknowledge": (("commander.pn", "submit", ""),),
    "contested": (
        ("commander.pn", "submit", ""),
        ("officer", "contest", "Note injuste."),
    ),
    "acknowledged": (
        ("commander.pn", "submit", ""),
        ("officer", "acknowledge", ""),
    ),
    "validated": (
        ("commander.pn", "submit", ""),
        ("officer", "acknowledge", ""),
        ("hrmanager.pn", "validate", ""),
    ),
}
TRANSITIONS = ("submit", "acknowledge", "contest", "revise", "validate")


def _build(portal, testdata, state):
    login(portal, "hrmanager.pn")
    campaign = evaluation_api.create_campaign(
        agency=portal["police-nationale"],
        year=2026,
        grid={"discipline": 40, "efficacite": 60},
        evaluation_deadline=date(2026, 12, 15),
    )
    evaluation_api.create_evaluations(campaign=campaign)
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    evaluation = file[evaluation_api.evaluation_id(campaign)]
    login(portal, "commander.pn")
    evaluation_api.set_marks(evaluation=evaluation, marks=MARKS, assessment="Bien.")
    workflow = api.portal.get_tool("portal_workflow")
    for user, transition, comment in PATH[state]:
        login(portal, login_of("evaluation", user, state))
        workflow.doActionFor(evaluation, transition, comment=comment)
    assert api.content.get_state(evaluation) == state
    processQueue()  # indexed before the first savepoint
    return evaluation


def _ask(evaluation, operation):
    has = api.user.has_permission
    if operation == "view":
        return has("View", obj=evaluation)
    if operation == "marks":
        return has("View", obj=evaluation) and has(
            "sirhp: Field: read evaluation marks", obj=evaluation
        )
    if operation == "search":
        return len(api.content.find(UID=evaluation.UID())) == 1
    if operation == "edit":
        return has("Modify portal content", obj=evaluation)
    if operation == "delete":
        return has("Delete objects", obj=evaluation)
    if operation == "evaluate":
        try:
            evaluation_api.set_marks(evaluation=evaluation, marks=MARKS)
        except (Unauthorized, evaluation_api.EvaluationError):
            return False
        return True
    workflow = api.portal.get_tool("portal_workflow")
    offered = {t["id"] for t in workflow.getTransitionsFor(evaluation)}
    try:
        workflow.doActionFor(evaluation, operation, comment="Motif de contrôle.")
    except (WorkflowException, Unauthorized):
        assert operation not in offered
        return False
    assert operation in offered
    return True


@pytest.mark.parametrize("state", EVALUATION.states)
def test_operation_maps(portal, testdata, state):
    with clock_on(REFERENCE_DATE):
        evaluation = _build(portal, testdata, state)
        wrong = {}
        for persona in PERSONAS:
            user = login_of("evaluation", persona, state)
            for operation in EVALUATION.operations:
                savepoint = transaction.savepoint()
                if user is None:
                    logout()
                else:
                    login(portal, user)
                try:
                    actual = _ask(evaluation, operation)
                finally:
                    # queued catalog operations belong to what is rolled back
                    processQueue()
                    savepoint.rollback()
                expected = EVALUATION.allowed(persona, state, operation)
                if actual != expected:
                    wrong[persona, operation] = actual
        assert wrong == {}, f"{state}: the actual values that differ"
