"""GET <agency>/@retirements?from=YYYY&to=YYYY: officers of the agency who
reach their age limit in those years (both default to this year)."""

from datetime import date
from sirhp.content.base.rest import SirhpService
from sirhp.content.retirement import api


class RetirementsGet(SirhpService):
    def reply(self):
        this_year = date.today().year
        form = self.request.form
        rows = api.retirements(
            agency=self.context,
            start=form.get("from", this_year),
            end=form.get("to", this_year),
        )
        items = [
            {
                "@id": row["url"],
                "UID": row["uid"],
                "title": row["title"],
                "matricule": row["matricule"],
                "corps": row["corps"],
                "grade": row["grade"],
                "region": row["region"],
                "unit_title": row["unit_title"],
                "retirement_date": row["retirement_date"].isoformat(),
            }
            for row in rows
        ]
        return {
            "@id": f"{self.context.absolute_url()}/@retirements",
            "items": items,
            "items_total": len(items),
        }
