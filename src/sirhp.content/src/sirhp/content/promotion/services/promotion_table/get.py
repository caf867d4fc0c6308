"""GET <table>/@promotion-table: the tableau d'avancement, its candidates in
rank order with the commission's decisions (never a sanction level)."""

from plone import api
from plone.restapi.serializer.converters import json_compatible
from sirhp.content.base.rest import SirhpService


def table_json(table):
    """What @promotion-table answers (GET, and POST after a change)."""
    return json_compatible(
        {
            "@id": table.absolute_url(),
            "title": table.Title(),
            "target_grade": table.target_grade,
            "year": table.year,
            "posts": table.posts,
            "formula": dict(table.formula or {}),
            "review_state": api.content.get_state(table),
            "built_on": table.built_on,
            "decided_on": table.decided_on,
            "effective": table.effective,
            "candidates": [dict(row) for row in table.candidates or ()],
            "published_acts": list(table.published_acts or ()),
        }
    )


class PromotionTableGet(SirhpService):
    def reply(self):
        return table_json(self.context)
