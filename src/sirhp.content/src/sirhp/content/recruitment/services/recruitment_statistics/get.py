"""GET <campaign>/@recruitment-statistics."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.recruitment import api as recruitment


class RecruitmentStatisticsGet(SirhpService):
    def reply(self):
        table = recruitment.statistics(campaign=self.context)
        return {
            "@id": f"{self.context.absolute_url()}/@recruitment-statistics",
            **table,
        }
