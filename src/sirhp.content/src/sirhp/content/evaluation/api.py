"""Annual evaluation: campaigns, evaluations, marks, answers (the domain API).

Used by the pages and services of SIRHP and by the evaluation workflow's
guards and handlers (``sirhp.policy.evaluation.workflow``). Every rule of an
evaluation is checked here, once, whatever the channel: the grid
(``rules.check_grid``), the marks (``rules.check_marks`` /
``check_objectives``), the computed mark (never typed), four eyes (nobody
evaluates, revises or validates their own evaluation, nor one they
evaluated), the reasons a contest or a revision needs, the contest window.
Refusals raise ``EvaluationError`` (HTTP 400) with an i18n message.
"""

from AccessControl import Unauthorized
from datetime import date
from plone import api
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
from sirhp.content.content.records import parent_file
from sirhp.content.evaluation import marks as mark_index
from sirhp.content.evaluation import rules
from sirhp.content.evaluation.content import GRID_KINDS
from sirhp.content.evaluation.opening import create_evaluations  # noqa: F401
from sirhp.content.evaluation.opening import evaluation_id  # noqa: F401
from sirhp.content.evaluation.opening import open_campaign  # noqa: F401
from sirhp.content.evaluation.opening import population  # noqa: F401
from sirhp.content.evaluation.opening import population_paths  # noqa: F401
from sirhp.content.permissions import AddEvaluationCampaign
from sirhp.content.permissions import EvaluateOfficer
from zope.i18nmessageid import Message

MSG_GRID = _(
    "error_evaluation_grid",
    default="Grille invalide : critères aux poids entiers positifs dont la "
    "somme fait 100.",
)
MSG_GRID_KIND = _(
    "error_evaluation_grid_kind",
    default="Type de grille inconnu (criteria, objectives).",
)
MSG_YEAR = _("error_evaluation_year", default="Année de campagne invalide.")
MSG_DEADLINE = _(
    "error_evaluation_deadline", default="Date limite d'évaluation obligatoire."
)
MSG_MARKS = _(
    "error_evaluation_marks",
    default="Note invalide pour « ${item} » : un nombre de 0 à 20, deux "
    "décimales au plus, pour un critère de la grille.",
)
MSG_OBJECTIVES = _(
    "error_evaluation_objectives",
    default="Objectifs invalides : poids entiers dont la somme fait 100, "
    "taux d'atteinte de 0 à 100.",
)
MSG_SELF = _(
    "error_evaluation_self",
    default="Personne n'évalue, ne révise ni ne valide sa propre évaluation.",
)
MSG_CONTEST_REASONS = _(
    "error_evaluation_contest_reasons",
    default="Les motifs de la contestation sont obligatoires.",
)
MSG_REVISION_REASON = _(
    "error_evaluation_revision_reason",
    default="Le motif de la révision est obligatoire.",
)
MSG_NOT_EDITABLE = _(
    "error_evaluation_not_editable",
    default="Cette évaluation n'est plus modifiable par l'évaluateur.",
)
MSG_SHAPE = _(
    "error_evaluation_shape",
    default="« marks » : un objet {critère: note} attendu.",
)


class EvaluationError(SirhpError):
    """An evaluation refused (HTTP 400)."""


def _user_id():
    return api.user.get_current().getId()


def officer_of(evaluation):
    """The user id of the officer an evaluation is for (the file's
    matricule)."""
    file = parent_file(evaluation)
    return file.matricule if file is not None else None


def is_officer(evaluation, user_id=None):
    """Is ``user_id`` (default: the current user) the evaluated officer?"""
    return (user_id or _user_id()) == officer_of(evaluation)


def is_party(evaluation, user_id=None):
    """Four eyes: is ``user_id`` the officer or the evaluator?"""
    user_id = user_id or _user_id()
    return is_officer(evaluation, user_id) or user_id == evaluation.evaluator


def check_campaign(*, year, grid_kind, grid, evaluation_deadline):
    """Refuse an invalid campaign.

    :param year: the campaign's year (int).
    :param grid_kind: ``criteria`` or ``objectives``.
    :param grid: ``{criterion: weight}`` (criteria grids).
    :param evaluation_deadline: a ``date``.
    :raises EvaluationError: what is wrong, first found.
    """
    if isinstance(year, bool) or not isinstance(year, int) or year < 2000:
        raise EvaluationError(MSG_YEAR, "year")
    if grid_kind not in GRID_KINDS:
        raise EvaluationError(MSG_GRID_KIND, "grid_kind")
    if grid_kind == "criteria" and rules.check_grid(grid or {}):
        raise EvaluationError(MSG_GRID, "grid")
    if not isinstance(evaluation_deadline, date):
        raise EvaluationError(MSG_DEADLINE, "evaluation_deadline")


def create_campaign(
    *,
    agency,
    year,
    grid,
    evaluation_deadline,
    grid_kind="criteria",
    acknowledge_days=15,
    population_corps=(),
):
    """Open an evaluation campaign in ``agency``.

    :param agency: the Agency.
    :param year: the year evaluated.
    :param grid: ``{criterion: weight}``, weights summing to 100.
    :param evaluation_deadline: last day to fill the evaluations.
    :param grid_kind: ``criteria`` (default) or ``objectives``.
    :param acknowledge_days: days the officer has to acknowledge or contest.
    :param population_corps: corps codes; empty: all active staff.
    :returns: the EvaluationCampaign.
    :raises Unauthorized: without ``sirhp: Add EvaluationCampaign``.
    :raises EvaluationError: an invalid campaign (``check_campaign``).
    """
    if not api.user.has_permission(AddEvaluationCampaign, obj=agency):
        raise Unauthorized(AddEvaluationCampaign)
    check_campaign(
        year=year,
        grid_kind=grid_kind,
        grid=grid,
        evaluation_deadline=evaluation_deadline,
    )
    return api.content.create(
        container=agency,
        type="EvaluationCampaign",
        id=f"evaluation-{year}",
        year=year,
        grid_kind=grid_kind,
        grid=dict(grid or {}),
        evaluation_deadline=evaluation_deadline,
        acknowledge_days=int(acknowledge_days),
        population_corps=list(population_corps or ()),
    )


def _check_partial_marks(grid, marks):
    """Refuse a bad mark (a missing one is allowed while drafting)."""
    if not isinstance(marks, dict):
        raise EvaluationError(MSG_SHAPE, "marks")
    for refusal in rules.check_marks(grid, marks):
        if refusal["code"] != rules.MARK_MISSING:
            item = refusal["item"] or ""
            raise EvaluationError(Message(MSG_MARKS, mapping={"item": item}), "marks")


def computed_mark(evaluation):
    """The mark out of 20 (text, 2 decimals) of a complete evaluation, else
    None: ``rules.weighted_mark`` or ``rules.objectives_mark``."""
    try:
        if evaluation.grid_kind == "objectives":
            return str(rules.objectives_mark(evaluation.objectives or []))
        return str(rules.weighted_mark(evaluation.grid or {}, evaluation.marks or {}))
    except rules.InvalidEvaluation:
        return None


def set_marks(*, evaluation, marks=None, objectives=None, assessment=None):
    """The evaluator fills the marks (criteria grid) or the objectives
    (objectives variant) and the general assessment; the mark is computed.

    :param evaluation: a draft Evaluation.
    :param marks: ``{criterion: mark}`` (0 to 20, 2 decimals at most).
    :param objectives: ``[{"objective", "weight", "achievement"}]``.
    :param assessment: the general assessment (text).
    :returns: the computed mark (text) or None while incomplete.
    :raises Unauthorized: without ``sirhp: Evaluate`` (draft, the unit's
        commanders).
    :raises EvaluationError: the officer themself, or a bad mark.
    """
    if not api.user.has_permission(EvaluateOfficer, obj=evaluation):
        raise Unauthorized(EvaluateOfficer)
    if is_officer(evaluation):
        raise EvaluationError(MSG_SELF)
    if api.content.get_state(evaluation) != "draft":
        raise EvaluationError(MSG_NOT_EDITABLE)
    if marks is not None:
        _check_partial_marks(evaluation.grid or {}, marks)
        evaluation.marks = {k: str(rules.to_decimal(v)) for k, v in marks.items()}
    if objectives is not None:
        if not isinstance(objectives, list) or rules.check_objectives(objectives):
            raise EvaluationError(MSG_OBJECTIVES, "objectives")
        evaluation.objectives = [dict(o) for o in objectives]
    if assessment is not None:
        evaluation.assessment = str(assessment)
    evaluation.evaluator = _user_id()
    evaluation.mark = computed_mark(evaluation)
    mark_index.reindex(evaluation)
    return evaluation.mark


def may_submit(evaluation):
    """The evaluator submits complete marks, never on their own file."""
    return not is_officer(evaluation) and computed_mark(evaluation) is not None


def may_contest(evaluation, *, today):
    """The officer, from the notification to the deadline (included)."""
    if not is_officer(evaluation) or evaluation.notified_on is None:
        return False
    return rules.may_contest(evaluation.notified_on, evaluation.acknowledge_days, today)


def may_review(evaluation):
    """Revise or validate: neither the officer nor the evaluator."""
    return not is_party(evaluation)


def is_overdue(evaluation, *, today):
    """Has the officer's silence become an acknowledgement on ``today``?"""
    if evaluation.notified_on is None:
        return False
    return rules.silence_counts_as_acknowledged(
        evaluation.notified_on, evaluation.acknowledge_days, today
    )


def check_transition(evaluation, transition, comment):
    """Before a transition: a contest needs reasons, a revision a reason.

    :raises EvaluationError: the text missing.
    """
    if transition == "contest" and not comment:
        raise EvaluationError(MSG_CONTEST_REASONS, "comment")
    if transition == "revise" and not comment:
        raise EvaluationError(MSG_REVISION_REASON, "comment")


def after_transition(evaluation, transition, comment, *, today):
    """What a transition records: the notification day (submit), the
    officer's remarks (acknowledge) or reasons (contest), the revision's
    reason and reviser (revise, unless ``revise`` recorded it)."""
    if transition == "submit":
        evaluation.evaluator = evaluation.evaluator or _user_id()
        evaluation.notified_on = today
    elif transition == "acknowledge":
        evaluation.officer_remarks = comment
    elif transition == "contest":
        evaluation.contest_reasons = comment
    elif transition == "revise" and not evaluation.revision:
        evaluation.revision = {
            "reason": comment,
            "reviser": _user_id(),
            "marks": dict(evaluation.marks or {}),
            "previous_marks": dict(evaluation.marks or {}),
            "previous_mark": evaluation.mark,
        }


def revise(*, evaluation, reason, marks=None):
    """A second-level reviewer answers a contest, may change the marks.

    :param evaluation: a contested Evaluation.
    :param reason: why (required).
    :param marks: the revised marks (default: unchanged), complete.
    :returns: the evaluation, acknowledged, with its ``revision``.
    :raises EvaluationError: no reason, bad marks, the officer or evaluator.
    """
    reason = (reason or "").strip()
    check_transition(evaluation, "revise", reason)
    if not may_review(evaluation):
        raise EvaluationError(MSG_SELF)
    previous = {"marks": dict(evaluation.marks or {}), "mark": evaluation.mark}
    if marks is not None:
        if rules.check_marks(
            evaluation.grid or {}, marks if isinstance(marks, dict) else {}
        ):
            raise EvaluationError(Message(MSG_MARKS, mapping={"item": ""}), "marks")
        evaluation.marks = {k: str(rules.to_decimal(v)) for k, v in marks.items()}
        evaluation.mark = computed_mark(evaluation)
        mark_index.reindex(evaluation)
    evaluation.revision = {
        "reason": reason,
        "reviser": _user_id(),
        "marks": dict(evaluation.marks or {}),
        "previous_marks": previous["marks"],
        "previous_mark": previous["mark"],
    }
    api.content.transition(obj=evaluation, transition="revise", comment=reason)
    return evaluation


def acknowledge_overdue(*, today):
    """The daily task: evaluations to acknowledge whose deadline has passed
    are acknowledged by silence (transition ``lapse``, as the system).

    :param today: the day of the run.
    :returns: the evaluations moved.
    """
    moved = []
    with api.env.adopt_roles(["Manager"]):
        for brain in api.content.find(
            portal_type="Evaluation", review_state="to_acknowledge"
        ):
            evaluation = brain.getObject()
            if is_overdue(evaluation, today=today):
                api.content.transition(obj=evaluation, transition="lapse")
                moved.append(evaluation)
    return moved
