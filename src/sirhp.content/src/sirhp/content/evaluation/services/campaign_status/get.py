"""GET <campaign>/@campaign-status: completion by unit and evaluator, late
evaluations, contest rate, rater statistics (``follow_up.campaign_status``)."""

from datetime import date
from sirhp.content.base.rest import SirhpService
from sirhp.content.evaluation.follow_up import campaign_status


class CampaignStatusGet(SirhpService):
    def reply(self):
        return campaign_status(campaign=self.context, today=date.today())
