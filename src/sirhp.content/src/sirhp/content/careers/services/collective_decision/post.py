"""POST <agency>/@collective-decision/<decision>/<transition>: submit or
validate every act of the batch (as plone.restapi's @workflow/<transition>),
all or nothing. Body (optional): {"comment": "..."}. Answer: {"decision",
"transition", "count"}; a refusal 400 in French naming the file, 404 for an
unknown decision."""

from sirhp.content.base.rest import SirhpPathService
from sirhp.content.careers import collective_batch


class CollectiveDecisionPost(SirhpPathService):
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
