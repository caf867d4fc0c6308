"""Recruitment: the domain API (rules: ``recruitment.rules``).

Candidates, their marks and eliminations, the marks spreadsheet (dry run,
all or nothing), the statistics, and the workflow's four eyes
(``may_publish``). Every rule of a campaign is checked here; refusals raise
``RecruitmentError`` (HTTP 400) with a French i18n message. Changes are
journaled through ``sirhp.content.base.hooks``.
"""

from AccessControl import Unauthorized
from datetime import date
from persistent.mapping import PersistentMapping
from plone import api
from sirhp.content import _
from sirhp.content.base import hooks
from sirhp.content.permissions import ManageRecruitment
from sirhp.content.recruitment import results as ranked
from sirhp.content.recruitment import rules
from sirhp.content.recruitment import xlsx
from sirhp.content.recruitment.messages import message
from sirhp.content.recruitment.results import results as results
from sirhp.content.recruitment.settings import campaign_of
from sirhp.content.recruitment.settings import check_campaign
from sirhp.content.recruitment.settings import quotas_of
from sirhp.content.recruitment.settings import raise_problems
from sirhp.content.recruitment.settings import RecruitmentError
from sirhp.content.recruitment.settings import stages_of
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message

CANDIDATE_FIELDS = (
    "last_name",
    "first_names",
    "nina",
    "sex",
    "birth_date",
    "region_of_origin",
    "diploma",
)
REQUIRED_FIELDS = ("last_name", "first_names", "sex", "birth_date", "region_of_origin")
MSG_FIELD_REQUIRED = _(
    "error_candidate_field_required", default="Champ obligatoire : ${field}."
)
MSG_UNKNOWN_FIELD = _(
    "error_candidate_unknown_field", default="Champ inconnu : ${field}."
)
MSG_BAD_DATE = _(
    "error_candidate_birth_date", default="Date de naissance invalide (AAAA-MM-JJ)."
)
MSG_NOT_OPEN = _(
    "error_recruitment_not_open",
    default="Les candidatures ne s'enregistrent que dans une campagne en "
    "brouillon ou ouverte.",
)
MSG_MARKS_CLOSED = _(
    "error_recruitment_marks_closed",
    default="Les notes ne se saisissent que dans une campagne ouverte ou close "
    "(pas après la proposition des résultats).",
)
MSG_REASON_REQUIRED = _(
    "error_recruitment_reason_required",
    default="Le motif d'élimination est obligatoire.",
)
MSG_ELIMINATORY = _(
    "recruitment_eliminatory_mark", default="Note éliminatoire à l'épreuve ${stage}"
)
MSG_UNREADABLE = _(
    "error_recruitment_unreadable",
    default="Fichier illisible : un classeur XLSX est attendu.",
)


def _require(permission, obj):
    if not api.user.has_permission(permission, obj=obj):
        raise Unauthorized(permission)


def _state(obj):
    return api.content.get_state(obj=obj, default=None)


def _ninas(campaign, but=None):
    """The NINAs of the campaign's candidates, but the one with id ``but``."""
    return {
        child.nina
        for child in campaign.objectValues()
        if getattr(child, "portal_type", None) == "Candidate" and child.getId() != but
    }


def check_unique_nina(candidate):
    """The candidate's NINA is well formed and no other candidate of its
    campaign has it (called on every addition, whatever the path: the API,
    the add form, plone.restapi).

    :raises RecruitmentError: the NINA is missing, malformed or taken.
    """
    raise_problems(rules.check_nina(candidate.nina), field="nina")
    campaign = campaign_of(candidate)
    if campaign is not None and candidate.nina in _ninas(
        campaign, but=candidate.getId()
    ):
        raise_problems(
            [rules.Problem("nina_taken", {"nina": candidate.nina})], field="nina"
        )


def add_candidate(*, campaign, **data):
    """Register a candidate in a campaign in draft or open.

    :param campaign: the RecruitmentCampaign.
    :param data: ``last_name``, ``first_names``, ``nina``, ``sex``,
        ``birth_date`` (date or YYYY-MM-DD), ``region_of_origin``, optional ``diploma``
        (a NamedBlobFile, checked as every scanned document).
    :returns: the new Candidate.
    :raises RecruitmentError: a field missing or unknown, the NINA
        malformed or taken, the campaign not open for candidates.
    :raises Unauthorized: the user may not add candidates here.
    """
    unknown = sorted(set(data) - set(CANDIDATE_FIELDS))
    if unknown:
        raise RecruitmentError(
            Message(MSG_UNKNOWN_FIELD, mapping={"field": unknown[0]}), field=unknown[0]
        )
    for name in REQUIRED_FIELDS:
        if not data.get(name):
            raise RecruitmentError(
                Message(MSG_FIELD_REQUIRED, mapping={"field": name}), field=name
            )
    raise_problems(rules.check_nina(data.get("nina")), field="nina")
    if isinstance(data["birth_date"], str):
        try:
            data["birth_date"] = date.fromisoformat(data["birth_date"])
        except ValueError:
            raise RecruitmentError(MSG_BAD_DATE, field="birth_date") from None
    if _state(campaign) not in rules.OPEN_FOR_CANDIDATES:
        raise RecruitmentError(MSG_NOT_OPEN)
    if data["nina"] in _ninas(campaign):
        raise_problems(
            [rules.Problem("nina_taken", {"nina": data["nina"]})], field="nina"
        )
    candidate = api.content.create(
        container=campaign,
        type="Candidate",
        id=f"candidat-{data['nina'].lower()}",
        **data,
    )
    hooks.journal("recruitment.candidate", obj=candidate, request=getRequest())
    return candidate


def _check_marks_allowed(candidate):
    _require(ManageRecruitment, candidate)
    if _state(campaign_of(candidate)) not in rules.OPEN_FOR_MARKS:
        raise RecruitmentError(MSG_MARKS_CLOSED)


def _store_marks(candidate, stages, marks):
    """Merge ``marks``; a mark below its stage's minimum eliminates there."""
    scores = PersistentMapping(candidate.scores or {})
    scores.update(marks)
    candidate.scores = scores
    stage = rules.eliminating_stage(stages, scores)
    if stage is not None and not candidate.eliminated_at:
        candidate.eliminated_at = stage.code
        candidate.elimination_reason = eliminatory_reason(stage.label)
    candidate.reindexObject()


def eliminatory_reason(stage_label) -> str:
    """The reason stored when a mark eliminates at the stage labelled
    ``stage_label``: "Note éliminatoire à l'épreuve …", in French."""
    return _french(Message(MSG_ELIMINATORY, mapping={"stage": stage_label}))


def _french(msg):
    """``msg`` in French, whatever the request reads: stored text is data,
    read by everybody (a script's request without preference reads
    English)."""
    return translate(msg, target_language="fr", default=msg.default)


def set_scores(*, candidate, scores):
    """Record a candidate's marks (merged with those recorded before).

    :param candidate: the Candidate.
    :param scores: ``{stage code: mark}``, each between 0 and the stage's
        maximum; a mark below the stage's eliminatory minimum eliminates the
        candidate there (reason « Note éliminatoire à l'épreuve X »).
    :returns: the candidate's marks.
    :raises RecruitmentError: an unknown stage, a mark out of range, the
        campaign not open or closed.
    :raises Unauthorized: without ``sirhp: Manage recruitment``.
    """
    _check_marks_allowed(candidate)
    stages = stages_of(campaign_of(candidate))
    marks, problems = rules.check_marks(stages, scores)
    raise_problems(problems, field="scores")
    _store_marks(candidate, stages, marks)
    hooks.journal(
        "recruitment.scores",
        obj=candidate,
        request=getRequest(),
        detail=", ".join(f"{k}={v:g}" for k, v in sorted(marks.items())),
    )
    return dict(candidate.scores)


def eliminate(*, candidate, stage, reason):
    """Eliminate a candidate at a stage, with a reason.

    :param candidate: the Candidate.
    :param stage: a stage code of the campaign.
    :param reason: why (required).
    :raises RecruitmentError: no reason, an unknown stage, the campaign not
        open or closed.
    :raises Unauthorized: without ``sirhp: Manage recruitment``.
    """
    _check_marks_allowed(candidate)
    if not (reason or "").strip():
        raise RecruitmentError(MSG_REASON_REQUIRED, field="reason")
    codes = [s.code for s in stages_of(campaign_of(candidate))]
    if stage not in codes:
        raise_problems(
            [rules.Problem("unknown_stage", {"stage": stage})], field="stage"
        )
    candidate.eliminated_at = stage
    candidate.elimination_reason = reason.strip()
    candidate.reindexObject()
    hooks.journal(
        "recruitment.eliminated", obj=candidate, request=getRequest(), detail=stage
    )


def import_scores(*, campaign, data, dry_run=True):
    """Marks of many candidates from a spreadsheet: ``NINA`` then one column
    per stage code. All or nothing: stored only when every row is right and
    ``dry_run`` is false.

    :param campaign: the RecruitmentCampaign.
    :param data: the XLSX bytes.
    :param dry_run: check only.
    :returns: ``{"rows": [{"row", "nina", "ok", "errors": [text]}], "ok",
        "stored"}``.
    :raises RecruitmentError: the file unreadable, its header not NINA and
        stage codes, the campaign not open or closed.
    :raises Unauthorized: without ``sirhp: Manage recruitment``.
    """
    _require(ManageRecruitment, campaign)
    if _state(campaign) not in rules.OPEN_FOR_MARKS:
        raise RecruitmentError(MSG_MARKS_CLOSED)
    stages = stages_of(campaign)
    try:
        headers, rows = xlsx.read_table(data or b"", "notes.xlsx")
    except xlsx.UnreadableFile:
        raise RecruitmentError(MSG_UNREADABLE) from None
    by_nina = {
        c.nina: c
        for c in campaign.objectValues()
        if getattr(c, "portal_type", None) == "Candidate"
    }
    try:
        report = rules.score_rows(headers, rows, stages, set(by_nina))
    except rules.RuleError as error:
        raise_problems(error.problems)
    ok = all(row["ok"] for row in report)
    stored = ok and not dry_run
    if stored:
        for row in report:
            _store_marks(by_nina[row["nina"]], stages, row["marks"])
        hooks.journal(
            "recruitment.import",
            obj=campaign,
            request=getRequest(),
            detail=f"{len(report)} ligne(s)",
        )
    request = getRequest()
    rows_out = [
        {
            "row": row["row"],
            "nina": row["nina"],
            "ok": row["ok"],
            "errors": [
                RecruitmentError(message(p)).text(request) for p in row["errors"]
            ],
        }
        for row in report
    ]
    return {"rows": rows_out, "ok": ok, "stored": stored}


def candidate_row(candidate, stages) -> dict:
    """What a list shows of a candidate (for who manages recruitment)."""
    scores = dict(candidate.scores or {})
    return {
        "@id": candidate.absolute_url(),
        "uid": candidate.UID(),
        "title": candidate.Title(),
        "nina": candidate.nina,
        "sex": candidate.sex,
        "birth_date": candidate.birth_date.isoformat()
        if candidate.birth_date
        else None,
        "region": candidate.region_of_origin,
        "scores": scores,
        "eliminated_at": candidate.eliminated_at,
        "elimination_reason": candidate.elimination_reason,
        "status": rules.status(stages, scores, candidate.eliminated_at),
    }


def candidates(*, campaign) -> list[dict]:
    """The campaign's candidates the user may see, by name.

    :raises Unauthorized: without ``sirhp: Manage recruitment``.
    """
    _require(ManageRecruitment, campaign)
    stages = stages_of(campaign)
    brains = api.content.find(
        context=campaign, portal_type="Candidate", sort_on="sortable_title"
    )
    return [candidate_row(brain.getObject(), stages) for brain in brains]


def statistics(*, campaign, results=None) -> dict:
    """Candidates, eliminated, admissible, quota (and admitted once
    ``results`` name the admitted UIDs) by region of origin and by sex.
    Counts only: no candidate is named.

    :param campaign: the RecruitmentCampaign.
    :param results: the admitted candidates' UIDs; default: those of the
        ranking stored at ``propose_results`` (no ``admitted`` before).
    """
    if results is None:
        results = ranked.admitted_uids(campaign)
    stages = stages_of(campaign)
    regions, sexes = quotas_of(campaign)
    facts = [
        {
            "uid": c.UID(),
            "region": c.region_of_origin,
            "sex": c.sex,
            "status": rules.status(stages, dict(c.scores or {}), c.eliminated_at),
        }
        for c in campaign.objectValues()
        if getattr(c, "portal_type", None) == "Candidate"
    ]
    return {"posts": campaign.posts, **rules.statistics(facts, regions, sexes, results)}


def template(*, campaign) -> bytes:
    """The marks spreadsheet to fill: ``NINA`` then the stage codes."""
    return xlsx.template(stages_of(campaign))


# --- workflow: four eyes ----------------------------------------------------


def _user_id():
    return api.user.get_current().getId()


def record_proposer(campaign):
    """``propose_results``' handler: who proposed never publishes, and the
    ranking proposed is stored (the one published)."""
    campaign.proposers = (*tuple(campaign.proposers or ()), _user_id())
    ranked.store(campaign)


def forget_results(campaign):
    """``reopen``'s handler: the stored ranking is forgotten (marks may
    change again)."""
    ranked.forget(campaign)


def may_open(campaign) -> bool:
    """The campaign's settings hold (``check_campaign``): the ``open``
    transition's guard."""
    try:
        check_campaign(campaign=campaign)
    except RecruitmentError:
        return False
    return True


def may_publish(campaign, user_id=None) -> bool:
    """Four eyes: who proposed the results never publishes them."""
    return (user_id or _user_id()) not in set(campaign.proposers or ())


def journal_transition(campaign, transition):
    """A campaign's transition in the journal."""
    hooks.journal(
        "recruitment.transition", obj=campaign, request=getRequest(), detail=transition
    )
