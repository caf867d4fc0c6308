"""GET <agency or portal>/@indicators?at=YYYY-MM-DD (default: today)."""

from datetime import date
from sirhp.content.base.rest import SirhpService
from sirhp.content.indicators import api as indicators


class IndicatorsGet(SirhpService):
    def reply(self):
        at = self.request.form.get("at") or date.today().isoformat()
        report = indicators.indicators(context=self.context, at=at)
        return {
            "@id": f"{self.context.absolute_url()}/@indicators",
            **indicators.to_json(report, request=self.request),
        }
