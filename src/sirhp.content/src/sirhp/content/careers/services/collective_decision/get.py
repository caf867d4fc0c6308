"""GET <agency>/@collective-decision/<decision>: the acts of a collective
decision the caller may see: {"@id", "decision", "count", "items":
[{"@id", "matricule", "review_state"}]}; 404 when none."""

from sirhp.content.base.rest import SirhpPathService
from sirhp.content.careers import collective_batch


class CollectiveDecisionGet(SirhpPathService):
    def reply(self):
        decision = self.params[0] if len(self.params) == 1 else None
        items = collective_batch.decision(agency=self.context, decision=decision)
        return {
            "@id": f"{self.context.absolute_url()}/@collective-decision/{decision}",
            "decision": decision,
            "count": len(items),
            "items": [
                {
                    "@id": item["url"],
                    "matricule": item["matricule"],
                    "review_state": item["state"],
                }
                for item in items
            ],
        }
