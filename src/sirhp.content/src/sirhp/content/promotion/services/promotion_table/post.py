"""POST <table>/@promotion-table/build: rank the eligible officers (body:
optional {"at": "YYYY-MM-DD"});
POST <table>/@promotion-table/decisions: record the commission's decisions
(body: {"decisions": {uid: {"decision", "reason"}}}).
Answer: the table as GET gives it; refusals 400 in French."""

from sirhp.content import _
from sirhp.content.base.errors import SirhpNotFound
from sirhp.content.base.rest import SirhpPathService
from sirhp.content.promotion import api
from sirhp.content.promotion.services.promotion_table.get import table_json

MSG_UNKNOWN_ACTION = _(
    "error_promotion_unknown_action",
    default="Action inconnue : « build » ou « decisions ».",
)


class PromotionTablePost(SirhpPathService):
    def reply(self):
        self.disable_csrf()
        action = self.params[0] if len(self.params) == 1 else None
        if action == "build":
            body = self.body() if self.request.get("BODY") else {}
            api.build(table=self.context, at=api.parse_at(body.get("at")))
        elif action == "decisions":
            api.decide(table=self.context, decisions=self.body().get("decisions"))
        else:
            raise SirhpNotFound(MSG_UNKNOWN_ACTION)
        return table_json(self.context)
