"""Leave pages: the request form on a file (with its balances), a leave
request and its transitions.

Thin: every rule is ``sirhp.content.leave.api``'s; a refusal is shown as
``error.text(request)``. The same permission as ``POST @leave``
(``sirhp: Add LeaveRequest``).
"""

from datetime import date
from functools import cached_property
from plone import api
from plone.protect import CheckAuthenticator
from sirhp.content.content.field_access import may_read_field
from sirhp.content.leave import api as leave_api
from sirhp.policy.base.views import SirhpView


class LeaveRequestForm(SirhpView):
    """@@demander-conge on a personnel file."""

    error = None

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                leave = self.submit()
            except leave_api.LeaveError as error:
                self.error = error.text(self.request)
            else:
                return self.request.response.redirect(leave.absolute_url())
        return self.index()

    def submit(self):
        form = self.request.form
        upload = form.get("piece")
        attachment = None
        if upload and getattr(upload, "filename", None):
            attachment = (upload.filename, upload.read())
        return leave_api.request_leave(
            file=self.context,
            leave_type=form.get("leave_type"),
            start=form.get("start"),
            end=form.get("end"),
            reason=form.get("reason"),
            attachment=attachment,
            today=date.today(),
        )

    @cached_property
    def year(self):
        """The year of the balances: ``?year=`` (a leave requested for next
        year is counted there), else this year; a bad year is shown as the
        API's refusal."""
        asked = self.request.form.get("year")
        if not asked:
            return date.today().year
        try:
            return leave_api.as_year(asked)
        except leave_api.LeaveError as error:
            self.error = error.text(self.request)
            return date.today().year

    def leave_types(self):
        return leave_api.leave_types(at=date.today())

    def balances(self):
        return leave_api.balances(file=self.context, year=self.year)


class LeaveRequestView(SirhpView):
    """A leave request: period, days, reason, scan (for who may read it),
    its decisions and the transitions the reader may make."""

    def state(self):
        return api.content.get_state(self.context)

    def leave_type_label(self):
        return self.labels("sirhp.content.leave_types", self.context.leave_type)

    def days(self):
        return leave_api.days_of(self.context)

    def attachment_url(self):
        if self.context.attachment is None or not may_read_field(
            self.context, "attachment"
        ):
            return None
        return f"{self.context.absolute_url()}/@@download/attachment"

    def transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return [
            {"id": t["id"], "title": t["title"]}
            for t in workflow.getTransitionsFor(self.context)
        ]
