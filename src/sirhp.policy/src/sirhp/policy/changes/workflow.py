"""The change-request workflow (sirhp_change_workflow): guards and handlers.

The guard expressions of the workflow XML name this module
(``python:modules['sirhp.policy.changes.workflow'].may_approve_change(here)``):

- nobody approves, rejects... his or her own request (four eyes); only its
  requester withdraws it;
- approve: the approver may write every field the request changes (e.g.
  medical fields: HR managers); refused when the target changed since the
  request (stale) or the values no longer pass the checks; otherwise the
  values are applied as one new version of the target
  (``sirhp.content.changes.api.apply``);
- reject: a reason is required;
- after a decision, the requester is notified (e-mail, and the request's
  state in « Mon dossier »).
"""

from AccessControl import ModuleSecurityInfo
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from sirhp.content.changes import api as changes
from sirhp.policy import _
from sirhp.policy.base.i18n import french
from sirhp.policy.notifications import notify_decision

security = ModuleSecurityInfo("sirhp.policy.changes.workflow")

REASON = _(
    "error_change_reject_reason",
    default="Un motif est obligatoire pour rejeter une demande.",
)


def is_own_request(obj, user_id=None):
    """Four eyes: did this user make the request?"""
    user_id = user_id or api.user.get_current().getId()
    return user_id in (obj.listCreators() or ())


security.declarePublic("may_approve_change")


def may_approve_change(obj):
    """Four eyes, and the approver may write every field the request changes
    (field write permissions: e.g. medical fields, HR managers only)."""
    return not is_own_request(obj) and not changes.fields_user_may_not_approve(obj)


security.declarePublic("may_reject_change")


def may_reject_change(obj):
    return not is_own_request(obj)


security.declarePublic("may_withdraw_change")


def may_withdraw_change(obj):
    return is_own_request(obj)


def before_change_transition(change, event):
    """Reject needs a reason; approve needs a request still valid now."""
    if event.transition is None:
        return
    transition = event.transition.id
    comment = ((event.kwargs or {}).get("comment") or "").strip()
    if transition == "reject" and not comment:
        raise WorkflowException(french(REASON))
    if transition == "approve":
        try:
            changes.check_approvable(change)
        except changes.ChangeError as error:
            raise WorkflowException(error.text()) from None


def after_change_transition(change, event):
    """Approve: apply the values; a decision: note it, tell the requester."""
    if event.transition is None:
        return
    transition = event.transition.id
    actor = api.user.get_current().getId()
    if transition == "approve":
        changes.apply(change, approver_id=actor)
    if transition in ("approve", "reject"):
        change.decided_by = actor
        change.decision_comment = (event.kwargs or {}).get("comment") or ""
        notify_decision(change, transition)
    change.reindexObject()
