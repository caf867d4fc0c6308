"""``POST @workflow/<transition>`` on SIRHP content, with French refusals."""

from plone.restapi.deserializer import json_body
from plone.restapi.services.workflow.transition import WorkflowTransition
from sirhp.content.base.rest import SirhpService
from sirhp.policy.workflow.refusals import check_transition
from sirhp.policy.workflow.refusals import submission_notice
import transaction


class WorkflowTransitionPost(SirhpService, WorkflowTransition):
    def recurse_transition(self, objs, comment, publication_dates, include_children):
        # A badge's revocation reason travels with the transition.
        if self.transition == "revoke":
            reason = (json_body(self.request) or {}).get("revocation_reason")
            for obj in objs:
                self.wftool.doActionFor(
                    obj, self.transition, comment=comment, revocation_reason=reason
                )
            return
        return super().recurse_transition(
            objs, comment, publication_dates, include_children
        )

    def reply(self):
        if self.transition is not None:
            check_transition(self.context, self.transition, self.request)
        result = super().reply()
        if self.request.response.getStatus() >= 400:
            # plone.restapi answers a refused child transition (include_children)
            # with 400 but keeps what it already changed: undo everything.
            transaction.doom()
        elif self.transition == "submit" and isinstance(result, dict):
            # A restricted document only an administrator can now validate
            notice = submission_notice(self.context, self.request)
            if notice:
                result["notice"] = notice
        return result
