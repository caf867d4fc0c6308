"""GET <agency or portal>/@fairness?year=YYYY (or table=UID)."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.fairness import api as fairness


class FairnessGet(SirhpService):
    def reply(self):
        form = self.request.form
        report = fairness.report(
            context=self.context, year=form.get("year"), table=form.get("table")
        )
        return {
            "@id": f"{self.context.absolute_url()}/@fairness",
            **fairness.to_json(report, request=self.request),
        }
