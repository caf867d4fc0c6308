"""GET <agency>/@deployment-search?skill=...&available_on=YYYY-MM-DD:
the staff finder (``deployment.api.search``)."""

from datetime import date
from sirhp.content.base.rest import SirhpService
from sirhp.content.deployment import api


class DeploymentSearchGet(SirhpService):
    def reply(self):
        found = api.search(
            agency=self.context,
            form=self.request.form,
            today=date.today(),
            request=self.request,
        )
        return {
            "@id": f"{self.context.absolute_url()}/@deployment-search",
            "items": found["items"],
            "items_total": found["items_total"],
            "facets": found["facets"],
            "day": found["day"].isoformat(),
        }
