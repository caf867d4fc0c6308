"""Work lists and campaign follow-up: the evaluations a commander is to
fill (home page); completion by unit and by evaluator, late evaluations,
contest rate, rater statistics (``rules.rater_stats``).

For the HR managers who run the campaign (``GET <campaign>/@campaign-status``).
It reads each evaluation of the campaign (the marks are not catalog
metadata, by design), found by the catalog (the id an evaluation of the
campaign has in every file) and the file's unit from its metadata.
"""

from Acquisition import aq_parent
from plone import api
from sirhp.content.content.records import parent_file
from sirhp.content.evaluation import rules
from sirhp.content.evaluation.api import evaluation_id
from sirhp.content.evaluation.api import is_officer
from sirhp.content.permissions import EvaluateOfficer

NOT_SUBMITTED = "draft"


def to_fill(*, limit=50):
    """The draft evaluations the current user is to fill (the unit's
    commander: ``sirhp: Evaluate``, never their own): catalog, then the
    permission on the few found.

    :param limit: at most this many.
    :returns: ``[{"url", "title", "officer", "matricule"}]``.
    """
    result = []
    for brain in api.content.find(portal_type="Evaluation", review_state="draft"):
        evaluation = brain.getObject()
        if not api.user.has_permission(EvaluateOfficer, obj=evaluation):
            continue
        if is_officer(evaluation):
            continue
        file = parent_file(evaluation)
        result.append(
            {
                "url": brain.getURL(),
                "title": brain.Title,
                "officer": file.Title(),
                "matricule": file.matricule,
            }
        )
        if len(result) >= limit:
            break
    return result


def _ratio(part, whole):
    return round(part / whole, 4) if whole else None


def _count(bucket, key, submitted):
    row = bucket.setdefault(key, {"total": 0, "submitted": 0})
    row["total"] += 1
    row["submitted"] += int(submitted)


def campaign_status(*, campaign, today):
    """The follow-up of a campaign on ``today``.

    :param campaign: the EvaluationCampaign.
    :param today: the day (late: a draft after the evaluation deadline).
    :returns: ``{"total", "submitted", "completion", "by_unit",
        "by_evaluator", "late", "contested", "contest_rate", "raters",
        "rater_flags", "overall_mean"}``;
        ``completion`` and ``contest_rate`` are shares (0 to 1, None when
        nothing to count); ``late`` lists ``{"@id", "matricule", "unit"}``;
        ``raters`` is ``rules.rater_stats``', ``rater_flags`` and
        ``overall_mean`` (every submitted mark) ``rules.rater_flags``'.
    """
    brains = api.content.find(
        context=aq_parent(campaign),
        portal_type="Evaluation",
        getId=evaluation_id(campaign),
    )
    # one query for the units of every file (metadata), not one per file
    units = {
        b.UID: b.unit_title or ""
        for b in api.content.find(
            context=aq_parent(campaign), portal_type="PersonnelFile"
        )
    }
    by_unit, by_evaluator, late, marks = {}, {}, [], {}
    submitted = contested = 0
    deadline = campaign.evaluation_deadline
    for brain in brains:
        evaluation = brain.getObject()
        file = aq_parent(evaluation)
        unit = units.get(file.UID(), "")
        done = brain.review_state != NOT_SUBMITTED
        submitted += int(done)
        contested += int(bool(evaluation.contest_reasons))
        _count(by_unit, unit, done)
        _count(by_evaluator, evaluation.evaluator or "", done)
        if not done and deadline is not None and today > deadline:
            late.append(
                {"@id": brain.getURL(), "matricule": file.matricule, "unit": unit}
            )
        if done:
            marks.setdefault(evaluation.evaluator or "", []).append(evaluation.mark)
    for bucket in (by_unit, by_evaluator):
        for row in bucket.values():
            row["completion"] = _ratio(row["submitted"], row["total"])
    raters = rules.rater_stats(marks)
    flags, overall = rules.rater_flags(raters)
    return {
        "total": len(brains),
        "submitted": submitted,
        "completion": _ratio(submitted, len(brains)),
        "by_unit": by_unit,
        "by_evaluator": by_evaluator,
        "late": late,
        "contested": contested,
        "contest_rate": _ratio(contested, submitted),
        "raters": raters,
        "rater_flags": flags,
        "overall_mean": overall,
    }
