"""GET <request>/@change-diff: current value -> proposed value, field by
field; values the caller may not read are null and ``hidden``."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.changes import api as changes


class ChangeDiffGet(SirhpService):
    def reply(self):
        rows = changes.diff(self.context)
        return {
            "@id": f"{self.context.absolute_url()}/@change-diff",
            "stale": changes.is_stale(self.context),
            "conflicts": [
                {"@id": c["request"].absolute_url(), "fields": c["fields"]}
                for c in changes.conflicts(self.context)
            ],
            "fields": [
                {
                    "field": row["field"],
                    "label": row["label"],
                    "current": row["current_json"],
                    "proposed": row["proposed_json"],
                    "current_text": row["current"],
                    "proposed_text": row["proposed"],
                    "changed_since_request": row["changed_since"],
                    "hidden": row.get("hidden", False),
                }
                for row in rows
            ],
        }
