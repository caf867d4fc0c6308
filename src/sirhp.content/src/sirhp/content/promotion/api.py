"""Promotion: the domain API (rules: ``promotion.rules``; the rules per
target grade: the référentiel ``promotion_rules``).

- eligibility for the next grade, criterion by criterion
  (``promotion.eligibility``, re-exported here): ``@eligibility``, the file
  page and « Mon dossier » call ``eligibility``; the tableau calls
  ``eligibility_of_agency``;
- the tableau d'avancement: ``build``, ``decide`` (the commission),
  ``publish`` (promotion acts), the workflow's guards ``may_*`` (storage
  and checks: ``promotion.tables``);
- exceptional promotions (statute art. 19: bravery, injury): pending
  promotion acts flagged by their ground, reported apart.

Every rule of a table is checked here; refusals raise ``PromotionError``
(HTTP 400) with an i18n message naming the officer's matricule.
"""

from AccessControl import Unauthorized
from datetime import date
from plone import api
from sirhp.content import _
from sirhp.content.base import hooks
from sirhp.content.careers import api as careers
from sirhp.content.permissions import DecidePromotions
from sirhp.content.permissions import ManagePromotionTables
from sirhp.content.promotion import rules
from sirhp.content.promotion import tables as storage
from sirhp.content.promotion.eligibility import eligibility  # noqa: F401
from sirhp.content.promotion.eligibility import eligibility_of_agency
from sirhp.content.promotion.eligibility import marks_of  # noqa: F401
from sirhp.content.promotion.eligibility import next_grade  # noqa: F401
from sirhp.content.promotion.eligibility import officer_facts  # noqa: F401
from sirhp.content.promotion.eligibility import parse_at  # noqa: F401
from sirhp.content.promotion.eligibility import training_code  # noqa: F401
from sirhp.content.promotion.tables import PromotionError
from sirhp.content.referentials import api as referentials
from zope.globalrequest import getRequest
from zope.i18nmessageid import Message

GROUNDS = ("bravery", "injury")  # exceptional promotions (statute art. 19)
MSG_BAD_GROUND = _(
    "error_promotion_bad_ground",
    default="Motif de promotion exceptionnelle invalide : acte de bravoure "
    "ou blessure en service.",
)
MSG_REASON_REQUIRED = _(
    "error_promotion_exceptional_reason",
    default="Le motif de la promotion exceptionnelle est obligatoire.",
)
MSG_NO_DATE = _(
    "error_promotion_exceptional_date", default="La date de l'acte est obligatoire."
)


def _require(permission, obj):
    if not api.user.has_permission(permission, obj=obj):
        raise Unauthorized(permission)


def _user_id():
    return api.user.get_current().getId()


def check_table(table, at=None):
    """The settings of ``table`` (target grade with a rule in the
    référentiels in force on ``at``, posts ≥ 1, ranking formula).

    :returns: the formula to rank with.
    :raises PromotionError: the field named.
    """
    return storage.check_settings(
        target_grade=table.target_grade,
        posts=table.posts,
        formula=table.formula,
        tables=referentials.tables(at=at or date.today()),
    )


def build(*, table, at=None):
    """Rank the officers of the table's agency eligible on ``at`` for its
    target grade (one ``eligibility_of_agency`` pass: no file loaded), by
    ``rules.rank`` with the table's formula, and store them as
    ``table.candidates`` (decisions emptied). Re-runnable in draft.

    :param table: a PromotionTable in draft.
    :param at: a ``date`` (default: today).
    :returns: the candidates stored.
    :raises Unauthorized: no ``sirhp: Manage promotion tables`` on the table.
    :raises PromotionError: not in draft, bad settings.
    """
    _require(ManagePromotionTables, table)
    if api.content.get_state(table) != storage.DRAFT:
        raise PromotionError(storage.MSG_NOT_DRAFT)
    at = at or date.today()
    formula = check_table(table, at)
    rows = eligibility_of_agency(agency=table.__parent__, at=at, explain=False)
    table.candidates = storage.candidate_rows(rows, table.target_grade, formula, at)
    table.built_on = at
    if _user_id() not in table.builders:
        table.builders = (*table.builders, _user_id())
    hooks.journal(
        "promotion.built",
        obj=table,
        request=getRequest(),
        detail=f"{len(table.candidates)} candidat(s)",
    )
    return table.candidates


def decide(*, table, decisions):
    """Record the commission's decisions on candidates of a submitted table.

    :param table: a PromotionTable in ``submitted``.
    :param decisions: ``{uid: {"decision": "promoted"|"deferred"|"refused",
        "reason": str}}``; candidates not named keep their decision.
    :returns: the candidates with their decisions.
    :raises Unauthorized: no ``sirhp: Decide promotions`` on the table.
    :raises PromotionError: not submitted, the user built or submitted
        it (four eyes), unknown candidate or decision,
        more promoted than posts, a departure from the ranking without a
        reason (the officer's matricule named); nothing is stored then.
    """
    _require(DecidePromotions, table)
    if api.content.get_state(table) != storage.SUBMITTED:
        raise PromotionError(storage.MSG_NOT_SUBMITTED)
    if prepared_by(table):
        raise PromotionError(storage.MSG_OWN_TABLE)
    candidates = storage.merged(table.candidates, decisions)
    problems = storage.decision_problems(candidates, table.posts)
    if problems:
        raise problems[0]
    table.candidates = candidates
    return candidates


def may_submit(table):
    """A table is submitted once built."""
    return table.built_on is not None


def prepared_by(table, user_id=None):
    """Did ``user_id`` (default: the current user) build or submit the
    table? Then the commission's decisions are another person's (four
    eyes: recording them and closing the deliberation)."""
    user_id = user_id or _user_id()
    return user_id in set(table.builders) | storage.actors(table, "submit")


def may_decide(table, user_id=None):
    """Every candidate decided, no refused decision (``decide``'s checks),
    and four eyes: not by who built or submitted the table."""
    if prepared_by(table, user_id):
        return False
    candidates = table.candidates or ()
    return all(row["decision"] for row in candidates) and not (
        storage.decision_problems(candidates, table.posts)
    )


def may_publish(table, user_id=None):
    """Four eyes: who decided never publishes."""
    return (user_id or _user_id()) not in storage.actors(table, "decide")


def mark_decided(*, table, today):
    """The decision's day and the promotions' effective date (the first day
    of the next quarter, ``rules.effective_date``): the ``decide``
    transition's handler."""
    table.decided_on = today
    table.effective = rules.effective_date(today)


def publish(*, table):
    """File one validated ``promotion`` act per promoted candidate (as the
    system: the commission and the four eyes covered it), dated
    ``table.effective``, with the target grade, échelon 1 and the table's
    title as reference: the ``publish`` transition's handler. Re-runnable:
    a file holding the act is skipped. Journaled.

    :param table: a decided PromotionTable.
    :returns: the acts filed by this call.
    """
    acts = []
    for row in table.candidates or ():
        if row["decision"] == rules.PROMOTED:
            act = storage.file_promotion(table, row)
            if act is not None:
                acts.append(act)
    table.published_acts = [
        *(table.published_acts or ()),
        *("/".join(act.getPhysicalPath()) for act in acts),
    ]
    hooks.journal(
        "promotion.published",
        obj=table,
        request=getRequest(),
        detail=f"{len(acts)} acte(s)",
    )
    return acts


def propose_exceptional(*, file, target_grade, ground, event_date, reference, reason):
    """Propose an exceptional promotion (statute art. 19), apart from the
    tableaux: a PENDING promotion act flagged by its ground, which the
    record workflow's four eyes validate (not by its author).

    :param file: a validated personnel file.
    :param target_grade: the grade given (a grade of the référentiels).
    :param ground: ``bravery`` or ``injury``.
    :param event_date: the act's date of effect.
    :param reference: the decision's reference.
    :param reason: the facts (required).
    :returns: the pending act.
    :raises Unauthorized: no ``sirhp: Manage promotion tables`` on the file.
    :raises PromotionError: bad ground, grade, date, or no reason.
    """
    _require(ManagePromotionTables, file)
    if ground not in GROUNDS:
        raise PromotionError(MSG_BAD_GROUND, "ground")
    if not event_date:
        raise PromotionError(MSG_NO_DATE, "event_date")
    if target_grade not in referentials.tables(at=event_date).get("grades", {}):
        raise PromotionError(
            Message(storage.MSG_BAD_GRADE, mapping={"grade": target_grade}),
            "target_grade",
        )
    if not (reason or "").strip():
        raise PromotionError(MSG_REASON_REQUIRED, "reason")
    act = careers.add_act_as_system(
        file=file,
        id="promotion-exceptionnelle",
        actor=_user_id(),
        comment=reason,
        state="pending",
        event_type="promotion",
        event_date=event_date,
        resulting_grade=target_grade,
        resulting_echelon=1,
        reference=reference,
        details=reason,
        promotion_ground=ground,
    )
    hooks.journal("promotion.exceptional", obj=act, request=getRequest(), detail=ground)
    return act


def exceptional_promotions(*, agency, year):
    """The exceptional promotions of ``agency`` dated in ``year`` that the
    caller may see, reported apart from the tableaux.

    :returns: ``[{"url", "file_path", "date", "grade", "ground",
        "reference", "review_state"}]`` by date.
    """
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for brain in catalog(
        portal_type="CareerEvent",
        event_type="promotion",
        path="/".join(agency.getPhysicalPath()),
        sort_on="event_date",
    ):
        act = brain.career_act or {}
        if act.get("ground") and act["date"] and act["date"].year == year:
            found.append(
                {
                    "url": brain.getURL(),
                    "file_path": brain.getPath().rpartition("/")[0],
                    "date": act["date"],
                    "grade": act["grade"],
                    "ground": act["ground"],
                    "reference": act["reference"],
                    "review_state": brain.review_state,
                }
            )
    return found
