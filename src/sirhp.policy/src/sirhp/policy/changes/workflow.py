"""Rules of change requests (sirhp_change_workflow).

- approve: refused when the target changed since the request (stale) or the
  values no longer pass the checks; otherwise the values are applied as one
  new version of the target (sirhp.policy.changes.api.apply);
- reject: a reason is required;
- after a decision, the requester is notified (e-mail, and the request's
  state in "Mon dossier").
"""

from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from sirhp.policy import _
from sirhp.policy.changes import api as changes
from sirhp.policy.workflow.handlers import _french

STALE = _(
    "error_change_stale",
    default="L'élément a été modifié depuis cette demande : vérifiez les valeurs "
    "actuelles, puis rebasez la demande ou rejetez-la.",
)
REASON = _(
    "error_change_reject_reason",
    default="Un motif est obligatoire pour rejeter une demande.",
)


def before_change_transition(request, event):
    if event.transition is None:
        return
    transition = event.transition.id
    comment = ((event.kwargs or {}).get("comment") or "").strip()
    if transition == "reject" and not comment:
        raise WorkflowException(_french(REASON))
    if transition == "approve":
        if changes.is_stale(request):
            raise WorkflowException(_french(STALE))
        values = changes.field_values(request)
        try:
            if values:
                changes.normalize(changes._target(request), values)
        except changes.ChangeError as error:
            raise WorkflowException(error.message) from None


def after_change_transition(request, event):
    if event.transition is None:
        return
    transition = event.transition.id
    actor = api.user.get_current().getId()
    if transition == "approve":
        changes.apply(request, actor)
    if transition in ("approve", "reject"):
        request.decided_by = actor
        request.decision_comment = (event.kwargs or {}).get("comment") or ""
        from sirhp.policy.notifications import notify_decision

        notify_decision(request, transition)
    request.reindexObject()
