"""Events of evaluation campaigns."""

from sirhp.content.evaluation.api import check_campaign
from sirhp.content.evaluation.api import EvaluationError
from zExceptions import BadRequest


def check_saved_campaign(campaign, event):
    """A campaign saved by any channel (the API, the generic add and edit
    forms, REST) has a valid grid: the API's one check."""
    try:
        check_campaign(
            year=campaign.year,
            grid_kind=campaign.grid_kind,
            grid=campaign.grid,
            evaluation_deadline=campaign.evaluation_deadline,
        )
    except EvaluationError as error:
        raise BadRequest(error.text()) from None
