"""GET <agency or unit>/@absences?date=YYYY-MM-DD (default: today)."""

from datetime import date
from sirhp.content.base.rest import SirhpService
from sirhp.content.leave import api as leave_api


class AbsencesGet(SirhpService):
    def reply(self):
        day = self.request.form.get("date") or date.today()
        items = leave_api.absent(unit_or_agency=self.context, start=day)
        return {
            "@id": f"{self.context.absolute_url()}/@absences",
            "items": items,
            "items_total": len(items),
        }
