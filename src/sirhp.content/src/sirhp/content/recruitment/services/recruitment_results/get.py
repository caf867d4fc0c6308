"""GET <campaign>/@recruitment-results."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.recruitment import api as recruitment


class RecruitmentResultsGet(SirhpService):
    def reply(self):
        table = recruitment.results(campaign=self.context, request=self.request)
        return {"@id": f"{self.context.absolute_url()}/@recruitment-results", **table}
