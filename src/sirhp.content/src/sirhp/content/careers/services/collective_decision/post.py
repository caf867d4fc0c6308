"""POST <agency>/@collective-decision/<decision>/<transition>: submit or
validate every act of the batch (as plone.restapi's @workflow/<transition>),
all or nothing. Body (optional): {"comment": "..."}. Answer: {"decision",
"transition", "count"}; a refusal 400 in French naming the file, 404 for an
unknown decision."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.careers import collective_batch
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class CollectiveDecisionPost(SirhpService):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def reply(self):
        self.disable_csrf()
        decision, transition = (self.params + [None, None])[:2]
        body = self.body()
        count = collective_batch.transition_decision(
            agency=self.context,
            decision=decision if len(self.params) == 2 else None,
            transition=transition,
            comment=body.get("comment"),
        )
        return {"decision": decision, "transition": transition, "count": count}
