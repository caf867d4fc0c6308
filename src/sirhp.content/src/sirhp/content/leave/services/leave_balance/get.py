"""GET <file>/@leave-balance?year=YYYY (default: this year)."""

from datetime import date
from sirhp.content.base.rest import SirhpService
from sirhp.content.leave import api as leave_api


class LeaveBalanceGet(SirhpService):
    def reply(self):
        year = self.request.form.get("year") or date.today().year
        items = leave_api.balances(file=self.context, year=year)
        return {
            "@id": f"{self.context.absolute_url()}/@leave-balance",
            "year": items[0]["year"] if items else int(year),
            "items": items,
        }
