"""POST <campaign>/@evaluations: open the campaign (``api.open_campaign``):
``{"created": N}``, N = 0 when every officer has one already."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.evaluation import api


class OpenCampaignPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        created = api.open_campaign(campaign=self.context, request=self.request)
        return {"@id": self.context.absolute_url(), "created": created}
