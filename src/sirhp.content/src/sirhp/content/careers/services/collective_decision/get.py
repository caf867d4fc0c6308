"""GET <agency>/@collective-decision/<decision>: the acts of a collective
decision the caller may see: {"@id", "decision", "count", "items":
[{"@id", "matricule", "review_state"}]}; 404 when none."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.careers import collective_batch
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class CollectiveDecisionGet(SirhpService):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

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
