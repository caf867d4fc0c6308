"""The tableau d'avancement's storage and checks, below ``promotion.api``
(which holds the public functions and their docstrings): the table's
settings, the candidate rows of the storage contract, the commission's
decisions, the four eyes read from the workflow history, the acts filed on
publication. One check per rule: ``api.decide`` and the workflow's
``decide`` guard both call ``decision_problems``.
"""

from plone import api
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
from sirhp.content.careers.api import add_act_as_system
from sirhp.content.evaluation.rules import to_decimal
from sirhp.content.promotion import rules
from sirhp.content.promotion.content import FORMULA_KEYS
from zope.i18nmessageid import Message

WORKFLOW = "sirhp_promotion_workflow"
DRAFT = "draft"
SUBMITTED = "submitted"
DECIDED = "decided"
PUBLISHED = "published"
DECISIONS = (rules.PROMOTED, rules.DEFERRED, rules.REFUSED)
SYSTEM_ACTOR = "sirhp-system"

MSG_NOT_DRAFT = _(
    "error_promotion_not_draft",
    default="Le classement ne peut être établi que sur un tableau en brouillon.",
)
MSG_NOT_SUBMITTED = _(
    "error_promotion_not_submitted",
    default="Les décisions ne s'enregistrent que sur un tableau soumis à la "
    "commission.",
)
MSG_OWN_TABLE = _(
    "error_promotion_own_table",
    default="Vous avez établi ou soumis ce tableau : les décisions de la "
    "commission sont enregistrées par une autre personne.",
)
MSG_BAD_GRADE = _(
    "error_promotion_bad_grade",
    default="Grade visé inconnu ou sans règle d'avancement : « ${grade} ».",
)
MSG_BAD_POSTS = _(
    "error_promotion_bad_posts", default="Le nombre de postes doit être au moins 1."
)
MSG_BAD_FORMULA = _(
    "error_promotion_bad_formula",
    default="Formule de classement invalide : des poids positifs ou nuls pour "
    "la moyenne (mark_weight) et l'ancienneté (seniority_weight), l'un au "
    "moins non nul.",
)
MSG_UNKNOWN_CANDIDATE = _(
    "error_promotion_unknown_candidate",
    default="« ${uid} » n'est pas un candidat de ce tableau.",
)
MSG_NO_DECISIONS = _(
    "error_promotion_no_decisions",
    default="Les décisions attendues : {identifiant du candidat: {decision, reason}}.",
)
MSG_BAD_DECISION = _(
    "error_promotion_bad_decision",
    default="Décision invalide pour le matricule ${matricule} : promu, "
    "ajourné ou refusé.",
)
MSG_REASON_MISSING = _(
    "error_promotion_reason_missing",
    default="Motif obligatoire pour le matricule ${matricule} : sa promotion "
    "s'écarte du classement (${passed_over} mieux classé(s) non promu(s)).",
)
MSG_TOO_MANY = _(
    "error_promotion_too_many",
    default="${promoted} promotion(s) pour ${posts} poste(s) : le matricule "
    "${matricule} dépasse le nombre de postes.",
)


class PromotionError(SirhpError):
    """A tableau d'avancement refused (HTTP 400)."""


def _error(message, field=None, **mapping):
    return PromotionError(Message(message, mapping=mapping), field)


def check_settings(*, target_grade, posts, formula, tables):
    """The table's settings: a grade with a promotion rule in ``tables``,
    at least one post, a formula of known non-negative weights (not all
    zero). Raises ``PromotionError``."""
    if target_grade not in (tables.get("promotion_rules") or {}):
        raise _error(MSG_BAD_GRADE, "target_grade", grade=target_grade or "")
    if not isinstance(posts, int) or posts < 1:
        raise _error(MSG_BAD_POSTS, "posts")
    formula = dict(formula or rules.DEFAULT_FORMULA)
    try:
        weights = [to_decimal(formula.get(key, 0)) for key in FORMULA_KEYS]
    except (ArithmeticError, TypeError, ValueError):
        raise _error(MSG_BAD_FORMULA, "formula") from None
    if set(formula) - set(FORMULA_KEYS) or min(weights) < 0 or not any(weights):
        raise _error(MSG_BAD_FORMULA, "formula")
    return formula


def _plain(value):
    return None if value is None else float(value)


def candidate_rows(rows, target_grade, formula, at):
    """The storage contract's rows, in rank order, from the eligibility
    rows of the agency (``eligibility_of_agency``) eligible for
    ``target_grade``."""
    eligible = [
        {
            **row,
            "average_mark": row["average"],
            "grade_date": row["grade_since"],
        }
        for row in rows
        if row["eligible"] and row["grade"] == target_grade
    ]
    ranked = rules.rank(eligible, {**formula, "at": at})
    return [
        {
            "uid": row["uid"],
            "path": row["path"],
            "matricule": row["matricule"],
            "title": row["title"],
            "rank": row["rank"],
            "score": _plain(row["score"]),
            "average": _plain(row["average"]),
            "sex": row["sex"],
            "region": row["region"],
            "corps": row["corps"],
            "grade_since": row["grade_since"],
            "decision": None,
            "reason": "",
        }
        for row in ranked
    ]


def merged(candidates, decisions):
    """The candidates with ``decisions`` ({uid: {"decision", "reason"}})
    applied; an unknown uid or decision raises."""
    if not isinstance(decisions, dict):
        raise _error(MSG_NO_DECISIONS, "decisions")
    by_uid = {row["uid"]: dict(row) for row in candidates}
    for uid, value in decisions.items():
        if uid not in by_uid:
            raise _error(MSG_UNKNOWN_CANDIDATE, "decisions", uid=uid)
        value = value if isinstance(value, dict) else {"decision": value}
        if value.get("decision") not in DECISIONS:
            matricule = by_uid[uid]["matricule"]
            raise _error(MSG_BAD_DECISION, "decisions", matricule=matricule)
        by_uid[uid]["decision"] = value["decision"]
        by_uid[uid]["reason"] = str(value.get("reason") or "").strip()
    return [by_uid[row["uid"]] for row in candidates]


def decision_problems(candidates, posts):
    """What forbids the decisions as they stand: a PromotionError per
    promotion beyond ``posts`` or departing from the ranking without a
    reason (``rules.departures``), in ranking order."""
    problems = []
    promoted = [row for row in candidates if row["decision"] == rules.PROMOTED]
    for row in promoted[posts:]:
        problems.append(
            _error(
                MSG_TOO_MANY,
                "decisions",
                promoted=len(promoted),
                posts=posts,
                matricule=row["matricule"],
            )
        )
    decided = {
        row["matricule"]: {"decision": row["decision"], "reason": row["reason"]}
        for row in candidates
        if row["decision"]
    }
    for departure in rules.departures(candidates, decided):
        if departure["reason_missing"]:
            problems.append(
                _error(
                    MSG_REASON_MISSING,
                    "decisions",
                    matricule=departure["matricule"],
                    passed_over=len(departure["passed_over"]),
                )
            )
    return problems


def actors(table, action):
    """Every user who fired ``action`` on ``table`` (workflow history)."""
    history = getattr(table, "workflow_history", {}).get(WORKFLOW, ())
    return {entry.get("actor") for entry in history if entry.get("action") == action}


def file_of(uid):
    """The personnel file of a candidate, found unrestricted (the act is
    filed as the system)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid, portal_type="PersonnelFile")
    return brains[0]._unrestrictedGetObject() if brains else None


def file_promotion(table, row):
    """One validated promotion act for a promoted candidate, or None when
    the file already holds it (re-runnable)."""
    file = file_of(row["uid"])
    act_id = f"promotion-{table.getId()}"
    if file is None or act_id in file.objectIds():
        return None
    return add_act_as_system(
        file=file,
        id=act_id,
        actor=SYSTEM_ACTOR,
        comment=table.Title(),
        event_type="promotion",
        event_date=table.effective,
        resulting_grade=table.target_grade,
        resulting_echelon=1,
        reference=table.Title(),
        details=f"Rang {row['rank']}",
    )
