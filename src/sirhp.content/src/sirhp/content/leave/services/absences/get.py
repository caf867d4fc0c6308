"""GET <agency or unit>/@absences?date=YYYY-MM-DD (default: today)
[&end=YYYY-MM-DD]: who is on approved leave that day, or on at least one
day of date..end (a week: date=Monday, end=Sunday)."""

from datetime import date
from sirhp.content.base.rest import SirhpService
from sirhp.content.leave import api as leave_api


class AbsencesGet(SirhpService):
    def reply(self):
        day = self.request.form.get("date") or date.today()
        items = leave_api.absent(
            unit_or_agency=self.context, start=day, end=self.request.form.get("end")
        )
        return {
            "@id": f"{self.context.absolute_url()}/@absences",
            "items": items,
            "items_total": len(items),
        }
