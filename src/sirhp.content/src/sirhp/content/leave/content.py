"""LeaveRequest (demande de congé): a period of leave of the officer whose
file holds it.

It lives in the personnel file (the file's local roles apply: the officer,
the unit's commanders). ``sirhp_leave_workflow`` (requested -> approved /
rejected / cancelled) decides who sees and decides what. The supporting
scan may be medical (sick or maternity leave): its field read permission
``sirhp: Field: read leave attachment`` is granted by the workflow to HR
managers, auditors and the officer only.
"""

from plone.autoform import directives
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.content.base import SirhpContent
from sirhp.content.interfaces import ILeaveRequest
from zope import schema
from zope.interface import implementer

MAX_REASON = 2000


class ILeaveRequestSchema(model.Schema):
    leave_type = schema.Choice(
        title=_("label_leave_type", default="Type de congé"),
        vocabulary="sirhp.content.leave_types",
        required=True,
    )
    start = schema.Date(title=_("label_leave_start", default="Premier jour"))
    end = schema.Date(title=_("label_leave_end", default="Dernier jour"))
    reason = schema.Text(
        title=_("label_leave_reason", default="Motif"),
        required=True,
        max_length=MAX_REASON,
    )
    directives.read_permission(attachment="sirhp.content.ReadLeaveAttachment")
    attachment = NamedBlobFile(
        title=_(
            "label_leave_attachment", default="Pièce justificative (scan, facultatif)"
        ),
        required=False,
    )


@implementer(ILeaveRequest, ILeaveRequestSchema)
class LeaveRequest(SirhpContent, Item):
    leave_type = None
    start = None
    end = None
    reason = ""
    attachment = None

    @property
    def title(self):
        period = ""
        if self.start and self.end:
            period = f" du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}"
        return f"Congé{period}"

    @title.setter
    def title(self, value):
        """Derived."""

    def Title(self):
        return self.title
