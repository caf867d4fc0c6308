"""``GET <site>/@health``: the health report (public, no personal data)."""

from sirhp.content.base.rest import SirhpService
from sirhp.policy.health.views import answer


class HealthGet(SirhpService):
    def reply(self):
        return answer(self.context, self.request.response)
