"""A campaign's settings read and checked (stages, quotas, the campaign of
a candidate) and the domain's exception: what the API and its readers
share."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from sirhp.content.base.errors import SirhpError
from sirhp.content.interfaces import IRecruitmentCampaign
from sirhp.content.recruitment import rules
from sirhp.content.recruitment.messages import message
from sirhp.content.vocabularies.fixed import REGIONS
from sirhp.content.vocabularies.fixed import SEXES


class RecruitmentError(SirhpError):
    """A recruitment rule refused the request (HTTP 400)."""


def raise_problems(problems, field=None):
    if problems:
        raise RecruitmentError(message(problems[0]), field=field)


def campaign_of(candidate):
    """The campaign a candidate is in."""
    parent = aq_parent(aq_inner(candidate))
    while parent is not None and not IRecruitmentCampaign.providedBy(parent):
        parent = aq_parent(aq_inner(parent))
    return parent


def stages_of(campaign) -> list:
    """The campaign's stages, in order (``rules.Stage``).

    :raises RecruitmentError: a stage line is malformed.
    """
    try:
        return rules.parse_stages(campaign.stages)
    except rules.RuleError as error:
        raise_problems(error.problems, field="stages")


def quotas_of(campaign) -> tuple[dict, dict]:
    """``({region: posts}, {sex: posts})`` of the campaign.

    :raises RecruitmentError: a quota line is malformed, or the regional
        quotas exceed the posts.
    """
    try:
        regions = rules.parse_quotas(campaign.quotas, {c for c, _l in REGIONS})
        sexes = rules.parse_quotas(campaign.sex_quotas, {c for c, _l in SEXES})
    except rules.RuleError as error:
        raise_problems(error.problems, field="quotas")
    raise_problems(rules.check_quotas(campaign.posts, regions), field="quotas")
    return regions, sexes


def check_campaign(*, campaign):
    """Every setting of the campaign (stages, quotas against the posts).

    :param campaign: a RecruitmentCampaign.
    :raises RecruitmentError: the first problem found, its field named.
    """
    stages_of(campaign)
    quotas_of(campaign)
