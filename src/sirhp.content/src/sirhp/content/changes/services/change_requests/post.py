"""POST <file>/@change-requests: propose a change.

Body: {"target": UID (omitted: the file), "changes": {field: value},
"justification": "...", "attachment": {"data": base64, "filename": "..."}}.
Answer: 201, ``Location`` = the request, its summary; refusals 400 (403 for
a field the caller may not write) as ``{"type", "message", "error"}``.
"""

from base64 import b64decode
import binascii
from sirhp.content import _
from sirhp.content.base.rest import SirhpService
from sirhp.content.changes import api as changes
from sirhp.content.changes.serializer import summary

MSG_ATTACHMENT_SHAPE = _(
    "error_change_attachment_shape",
    default='« attachment » : {"data": base64, "filename": ...} attendu.',
)
MSG_ATTACHMENT_BASE64 = _(
    "error_change_attachment_base64",
    default="« attachment » n'est pas du base64 valide.",
)


def attachment_of(body):
    """The JSON ``attachment`` as (filename, bytes), or None."""
    attachment = body.get("attachment")
    if attachment is None:
        return None
    if not isinstance(attachment, dict) or not isinstance(attachment.get("data"), str):
        raise changes.ChangeError(MSG_ATTACHMENT_SHAPE, field="attachment")
    try:
        data = b64decode(attachment["data"], validate=True)
    except (binascii.Error, ValueError):
        raise changes.ChangeError(MSG_ATTACHMENT_BASE64, field="attachment") from None
    return (str(attachment.get("filename") or "piece"), data)


def created(service, change, status):
    """The answer to a new request: ``status``, ``Location``, its summary."""
    service.request.response.setStatus(status)
    service.request.response.setHeader("Location", change.absolute_url())
    return summary(change)


class FileChangeRequestsPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        target = changes.find_target(file=self.context, uid=body.get("target"))
        change = changes.propose(
            target=target,
            changes=body.get("changes"),
            justification=body.get("justification"),
            attachment=attachment_of(body),
            kind=changes.requester_kind(self.context),
        )
        return created(self, change, 201)
