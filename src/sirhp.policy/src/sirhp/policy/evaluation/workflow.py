"""The evaluation workflow (sirhp_evaluation_workflow): guards and handlers.

The guard expressions of the workflow XML name this module
(``python:modules['sirhp.policy.evaluation.workflow'].may_submit_evaluation(here)``).
Each guard asks ``sirhp.content.evaluation.api``, where the rule lives:

- submit: ``sirhp: Evaluate`` (the unit's commanders, draft), complete
  marks, never the officer;
- acknowledge, contest: ``sirhp: Transition: answer evaluation`` and the
  officer; contest only within the window;
- lapse: administrators (the daily task), past the deadline only;
- revise, validate: ``sirhp: Review evaluation`` (HR managers), neither
  the officer nor the evaluator.
"""

from AccessControl import ModuleSecurityInfo
from datetime import date
from Products.CMFCore.WorkflowCore import WorkflowException
from sirhp.content.evaluation import api as evaluation_api
from sirhp.policy.base.i18n import french

security = ModuleSecurityInfo("sirhp.policy.evaluation.workflow")

security.declarePublic("may_submit_evaluation")


def may_submit_evaluation(obj):
    return evaluation_api.may_submit(obj)


security.declarePublic("may_acknowledge_evaluation")


def may_acknowledge_evaluation(obj):
    return evaluation_api.is_officer(obj)


security.declarePublic("may_contest_evaluation")


def may_contest_evaluation(obj):
    return evaluation_api.may_contest(obj, today=date.today())


security.declarePublic("may_lapse_evaluation")


def may_lapse_evaluation(obj):
    """Only past the deadline, on the clock (a day the daily task replays
    is earlier: what was overdue then still is)."""
    return evaluation_api.is_overdue(obj, today=date.today())


security.declarePublic("may_review_evaluation")


def may_review_evaluation(obj):
    return evaluation_api.may_review(obj)


def _comment(event):
    return ((event.kwargs or {}).get("comment") or "").strip()


def before_evaluation_transition(evaluation, event):
    """A contest needs reasons, a revision a reason."""
    if event.transition is None:
        return
    try:
        evaluation_api.check_transition(
            evaluation, event.transition.id, _comment(event)
        )
    except evaluation_api.EvaluationError as error:
        raise WorkflowException(french(error.message)) from None


def after_evaluation_transition(evaluation, event):
    """Notification day, remarks, reasons, revision (``api``)."""
    if event.transition is None:
        return
    evaluation_api.after_transition(
        evaluation, event.transition.id, _comment(event), today=date.today()
    )
