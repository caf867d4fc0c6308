"""POST <file>/@leave: request leave.

Body: {"leave_type": code, "start": "YYYY-MM-DD", "end": "YYYY-MM-DD",
"reason": "...", "attachment": {"data": base64, "filename": "..."}}.
Answer: 201, ``Location`` = the request, its summary; refusals 400 as
``{"type", "message", "error"}``.
"""

from base64 import b64decode
import binascii
from datetime import date
from plone import api
from sirhp.content import _
from sirhp.content.base.rest import SirhpService
from sirhp.content.leave import api as leave_api

MSG_ATTACHMENT_SHAPE = _(
    "error_leave_attachment_shape",
    default='« attachment » : {"data": base64, "filename": ...} attendu.',
)


def attachment_of(body):
    """The JSON ``attachment`` as (filename, bytes), or None."""
    attachment = body.get("attachment")
    if attachment is None:
        return None
    if not isinstance(attachment, dict) or not isinstance(attachment.get("data"), str):
        raise leave_api.LeaveError(MSG_ATTACHMENT_SHAPE, "attachment")
    try:
        data = b64decode(attachment["data"], validate=True)
    except (binascii.Error, ValueError):
        raise leave_api.LeaveError(MSG_ATTACHMENT_SHAPE, "attachment") from None
    return (str(attachment.get("filename") or "piece"), data)


def summary(leave):
    """What a leave request's JSON shows (never the scan itself)."""
    return {
        "@id": leave.absolute_url(),
        "@type": "LeaveRequest",
        "title": leave.Title(),
        "leave_type": leave.leave_type,
        "start": leave.start.isoformat(),
        "end": leave.end.isoformat(),
        "review_state": api.content.get_state(leave),
    }


class LeavePost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        leave = leave_api.request_leave(
            file=self.context,
            leave_type=body.get("leave_type"),
            start=body.get("start"),
            end=body.get("end"),
            reason=body.get("reason"),
            attachment=attachment_of(body),
            today=date.today(),
        )
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", leave.absolute_url())
        return summary(leave)
