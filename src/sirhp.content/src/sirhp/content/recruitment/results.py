"""A concours' results: the merit ranking of ``ranking.rank`` applied to
a campaign's candidates, stored at ``propose_results`` so the ranking
proposed is the one published (the domain API; ``api`` re-exports it).

Until the results are proposed the ranking is computed from the candidates'
marks; from ``propose_results`` on, the one stored on the campaign is shown
(``reopen`` forgets it: a mark changes only in a closed campaign). The
stored ranking carries what a reader of published results sees of each
candidate (name, region, sex), never the NINA or the marks: auditors read
published results without a candidate's View.
"""

from AccessControl import Unauthorized
from datetime import datetime
from plone import api
from sirhp.content.base.number_rules import decimal_text
from sirhp.content.base.number_rules import separator_for
from sirhp.content.permissions import ManageRecruitment
from sirhp.content.permissions import ViewRecruitmentStatistics
from sirhp.content.recruitment import ranking
from sirhp.content.recruitment import rules
from sirhp.content.recruitment.settings import quotas_of
from sirhp.content.recruitment.settings import stages_of
from sirhp.content.vocabularies.fixed import REGIONS
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message

# the campaign's attribute holding the ranking stored at propose_results
STORED = "stored_results"
PUBLISHED = "published"
REGION_LABELS = dict(REGIONS)
# what a ranked row shows besides the candidate and the explanation
SHOWN = ("rank", "rank_in_region", "total", "by")


def _candidates(campaign):
    return [
        child
        for child in campaign.objectValues()
        if getattr(child, "portal_type", None) == "Candidate"
    ]


def _facts(candidate, stages):
    marks = dict(candidate.scores or {})
    eliminated = candidate.eliminated_at
    return {
        "id": candidate.getId(),
        "region": candidate.region_of_origin,
        "sex": candidate.sex,
        "birth_date": candidate.birth_date,
        "total": None if eliminated else rules.total(stages, marks),
        "eliminated_at": eliminated,
        "stage_marks": marks,
    }


def compute(campaign) -> dict:
    """The campaign's ranking from its candidates' marks now (no permission
    check: ``results`` and the workflow's handler call it).

    :returns: ``ranking.rank``'s answer, with ``candidates`` ``{id: {"uid",
        "title", "region", "sex"}}`` and ``computed`` (ISO date-time).
    :raises RecruitmentError: the campaign's stages or quotas are invalid.
    """
    stages = stages_of(campaign)
    regions, _sexes = quotas_of(campaign)
    people = _candidates(campaign)
    ranked = ranking.rank(
        [_facts(candidate, stages) for candidate in people],
        posts=campaign.posts or 0,
        quotas=regions,
        shortfall=campaign.shortfall_rule or ranking.NATIONAL,
        stages=[stage.code for stage in stages],
        stage_labels={stage.code: stage.label for stage in stages},
        region_labels=REGION_LABELS,
    )
    ranked["candidates"] = {
        candidate.getId(): {
            "uid": candidate.UID(),
            "title": candidate.Title(),
            "region": candidate.region_of_origin,
            "sex": candidate.sex,
        }
        for candidate in people
    }
    ranked["computed"] = datetime.now().isoformat(timespec="seconds")
    return ranked


def store(campaign):
    """``propose_results``' handler: the ranking proposed, kept as it is."""
    setattr(campaign, STORED, compute(campaign))
    campaign.reindexObject(idxs=["modified"])


def forget(campaign):
    """``reopen``'s handler: marks may change again, the ranking with them."""
    if getattr(campaign, STORED, None) is not None:
        setattr(campaign, STORED, None)


def stored(campaign):
    """The ranking stored at ``propose_results``, or None."""
    return getattr(campaign, STORED, None)


def admitted_uids(campaign):
    """The UIDs of the stored main list (None before ``propose_results``)."""
    ranked = stored(campaign)
    if ranked is None:
        return None
    return [ranked["candidates"][row["id"]]["uid"] for row in ranked["main"]]


def may_read(campaign) -> bool:
    """Who manages recruitment reads the results at any time; once
    published, who reads the campaign's statistics (auditors) too."""
    if api.user.has_permission(ManageRecruitment, obj=campaign):
        return True
    return api.content.get_state(
        obj=campaign, default=None
    ) == PUBLISHED and api.user.has_permission(ViewRecruitmentStatistics, obj=campaign)


# the explanations' numbers (averages), written as the reader does
NUMBERS = ("total", "cut")


def _why(row, request):
    msg = row["why_msg"]
    separator = separator_for(request.get("LANGUAGE") if request is not None else None)
    mapping = {
        key: decimal_text(value, empty=value, separator=separator)
        if key in NUMBERS
        else value
        for key, value in msg["mapping"].items()
    }
    message = Message(
        msg["msgid"], domain="sirhp", default=msg["default"], mapping=mapping
    )
    return translate(message, context=request)


def _region(code, _request=None):
    # proper names: the same in every language
    return REGION_LABELS.get(code, code or "")


def results(*, campaign, request=None) -> dict:
    """A campaign's results: main list (rank, region, why), waiting lists
    per region, the candidates out with their reason, vacant posts.

    :param campaign: the RecruitmentCampaign.
    :param request: the language of the explanations (default: the
        current request's).
    :returns: ``{"state", "stored", "computed", "posts", "shortfall",
        "vacant", "tie_stage", "main": [{"id", "uid", "title", "region",
        "region_title", "sex", "rank", "total", "by", "why"}], "waiting":
        [{"region", "region_title", "items": [{..., "rank_in_region"}]}],
        "out": [{..., "why"}], "regions": [{"code", "title", "quota",
        "admissible", "admitted", "by_quota", "by_national", "vacant",
        "transferred"}]}``; ``stored``: the ranking proposed (else computed
        now from the marks).
    :raises Unauthorized: neither managing recruitment nor, once
        published, reading its statistics.
    :raises RecruitmentError: the campaign's settings are invalid.
    """
    if not may_read(campaign):
        raise Unauthorized(ManageRecruitment)
    request = request if request is not None else getRequest()
    ranked = stored(campaign)
    is_stored = ranked is not None
    if ranked is None:
        ranked = compute(campaign)
    people = ranked["candidates"]

    def row(item):
        person = people.get(item["id"], {})
        region = person.get("region")
        return {
            "id": item["id"],
            "uid": person.get("uid"),
            "title": person.get("title"),
            "region": region,
            "region_title": _region(region, request),
            "sex": person.get("sex"),
            **{key: item[key] for key in SHOWN if key in item},
            "why": _why(item, request),
        }

    regions = [
        {"code": code, "title": _region(code, request), **counts}
        for code, counts in sorted(ranked["regions"].items(), key=lambda i: i[0] or "")
    ]
    return {
        "state": api.content.get_state(obj=campaign, default=None),
        "stored": is_stored,
        "computed": ranked["computed"],
        "posts": campaign.posts,
        "shortfall": campaign.shortfall_rule,
        "vacant": ranked["vacant"],
        "tie_stage": ranked["tie_stage"],
        "main": [row(item) for item in ranked["main"]],
        "waiting": [
            {
                "region": code,
                "region_title": _region(code, request),
                "items": [row(item) for item in items],
            }
            for code, items in sorted(ranked["waiting"].items(), key=lambda i: i[0])
        ],
        "out": [row(item) for item in ranked["out"]],
        "regions": regions,
    }


def _dashboard_campaigns(agency, at):
    catalog = api.portal.get_tool("portal_catalog")
    campaigns = [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(
            portal_type="RecruitmentCampaign",
            path="/".join(agency.getPhysicalPath()),
        )
    ]
    running = [c for c in campaigns if c.start and c.end and c.start <= at <= c.end]
    if running:
        return running
    published = [
        c
        for c in campaigns
        if stored(c) is not None
        and api.content.get_state(obj=c, default=None) == PUBLISHED
        and (c.start is None or c.start <= at)
    ]
    latest = max(published, key=lambda c: c.end or c.start or at, default=None)
    return [latest] if latest is not None else []


def by_region(agency, at) -> list[dict]:
    """The dashboard's recruitment figure of an agency on ``at``: the
    campaigns running that day (their dates include it), else the latest
    published one; candidates, admitted (the stored ranking's main list,
    once published: unpublished results are no one's figure) and regional
    quota by region of origin. Counts only (no permission on candidates
    needed: the dashboard's readers never see one).

    :returns: ``[{"group", "candidates", "admitted", "quota"}]`` by region.
    """
    rows = {}

    def row(region):
        return rows.setdefault(
            region, {"group": region, "candidates": 0, "admitted": 0, "quota": 0}
        )

    for campaign in _dashboard_campaigns(agency, at):
        quotas, _sexes = quotas_of(campaign)
        for region, posts in quotas.items():
            row(region)["quota"] += posts
        for candidate in _candidates(campaign):
            row(candidate.region_of_origin)["candidates"] += 1
        ranked = stored(campaign)
        if ranked is not None and api.content.get_state(obj=campaign) == PUBLISHED:
            for item in ranked["main"]:
                row(item["region"])["admitted"] += 1
    return [rows[region] for region in sorted(rows, key=lambda r: r or "")]
