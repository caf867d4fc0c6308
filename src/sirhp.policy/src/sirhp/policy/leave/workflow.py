"""The leave workflow (sirhp_leave_workflow): guards and handlers.

The guard expressions of the workflow XML name this module
(``python:modules['sirhp.policy.leave.workflow'].may_approve_leave(here)``):

- approve, reject: ``sirhp: Review leave`` (the unit's commanders, HR
  managers) and never the requester nor the officer the leave is for;
- reject: a reason is required (before the transition);
- cancel: by its requester (or the officer), before the first day.
"""

from AccessControl import ModuleSecurityInfo
from datetime import date
from Products.CMFCore.WorkflowCore import WorkflowException
from sirhp.content.leave import api as leave_api
from sirhp.policy import _
from sirhp.policy.base.i18n import french

security = ModuleSecurityInfo("sirhp.policy.leave.workflow")

REASON = _(
    "error_leave_reject_reason",
    default="Un motif est obligatoire pour rejeter un congé.",
)

security.declarePublic("may_approve_leave")


def may_approve_leave(obj):
    """Four eyes: the requester and the officer never decide."""
    return not leave_api.is_requester(obj)


security.declarePublic("may_reject_leave")


def may_reject_leave(obj):
    return not leave_api.is_requester(obj)


security.declarePublic("may_cancel_leave")


def may_cancel_leave(obj):
    """The requester (or the officer), before the first day."""
    return leave_api.may_cancel(obj, today=date.today())


def before_leave_transition(leave, event):
    """Reject needs a reason."""
    if event.transition is None:
        return
    comment = ((event.kwargs or {}).get("comment") or "").strip()
    if event.transition.id == "reject" and not comment:
        raise WorkflowException(french(REASON))
