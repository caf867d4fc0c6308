"""Events of leave requests."""

from sirhp.content import _
from sirhp.content.leave.api import LeaveError
from zExceptions import BadRequest

MSG_MADE_ELSEWHERE = _(
    "error_leave_made_elsewhere",
    default="Un congé se demande depuis le dossier (Congés), « Mon dossier » "
    "ou par @leave.",
)


def refuse_unchecked_request(leave, event):
    """A LeaveRequest is only made by the API (``api.request_leave``: pages,
    ``@leave``), which checks overlaps and the remaining right: the generic
    add form or a REST POST of the type would skip them."""
    if getattr(leave, "requested_on", None) is None:
        raise BadRequest(LeaveError(MSG_MADE_ELSEWHERE).text())
