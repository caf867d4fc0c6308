"""POST @workflow/<transition> on files and records, with French refusals."""

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services.workflow.transition import WorkflowTransition
from sirhp.content.interfaces import IChangeRequest
from sirhp.policy.workflow.guards import is_own_submission
import transaction


class SirhpWorkflowTransition(WorkflowTransition):
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
            refusal = self.refusal()
            if refusal:
                self.request.response.setStatus(400)
                return {"error": {"type": "WorkflowException", "message": refusal}}
        result = super().reply()
        if self.request.response.getStatus() >= 400:
            # plone.restapi answers a refused child transition (include_children)
            # with 400 but keeps what it already changed: undo everything.
            transaction.doom()
        return result

    def refusal(self):
        """Why the transition cannot be fired here and now (None if it can)."""
        workflow = api.portal.get_tool("portal_workflow")
        available = {t["id"] for t in workflow.getTransitionsFor(self.context)}
        if self.transition in available:
            return None
        state = api.content.get_state(self.context)
        if self.transition == "approve" and IChangeRequest.providedBy(self.context):
            from sirhp.policy.changes.api import approval_refusal

            refusal = approval_refusal(self.context)
            if refusal:
                return refusal
        if (
            self.transition == "validate"
            and state == "pending"
            and is_own_submission(self.context)
        ):
            return "Vous ne pouvez pas valider ce que vous avez vous-même soumis."
        if self.transition == "validate" and state == "pending":
            return (
                "Validation impossible : vous n'avez pas le droit de valider ici, "
                "ou le dossier parent n'est pas encore validé."
            )
        return (
            f"L'action « {self.transition} » n'est pas possible sur cet élément "
            f"(état « {state} ») ou vous n'en avez pas le droit."
        )
