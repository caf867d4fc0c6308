"""GET <campaign>/@candidates."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.recruitment import api as recruitment


class CandidatesGet(SirhpService):
    def reply(self):
        items = recruitment.candidates(campaign=self.context)
        return {
            "@id": f"{self.context.absolute_url()}/@candidates",
            "items": items,
            "items_total": len(items),
        }
