"""Pages of the grouped actions and the rejection notice. Thin: the rules
are those of ``sirhp.content.worklists.api``."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from sirhp.content.worklists import api as worklists
from sirhp.policy import _
from sirhp.policy.base.views import format_datetime
from sirhp.policy.base.views import SirhpView
from zope.i18n import translate


class GroupedActionView(SirhpView):
    """GET: what the action will do, to confirm; POST: do it and go back to
    the file (errors shown on the page, HTTP 400, nothing changed)."""

    error = None

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if self.request.form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            comment = (self.request.form.get("comment") or "").strip()
            try:
                self.act(comment)
            except worklists.WorklistError as error:
                self.error = error.text(self.request)
                self.request.response.setStatus(400)
                return self.index()
            return self.request.response.redirect(self.context.absolute_url())
        return self.index()


class SubmitAllView(GroupedActionView):
    """@@soumettre-dossier-et-pieces: the file and its draft records."""

    def items(self):
        objects = (
            [self.context] if api.content.get_state(self.context) == "draft" else []
        )
        return [
            worklists.describe(obj)
            for obj in objects + worklists.draft_records(file=self.context)
        ]

    def act(self, comment):
        submitted = worklists.submit_all(file=self.context, comment=comment)
        api.portal.show_message(
            _(
                "msg_worklist_submitted",
                default="Soumis pour validation : ${count} élément(s), le dossier "
                "et ses pièces.",
                mapping={"count": len(submitted)},
            ),
            request=self.request,
        )


class ValidateAllView(GroupedActionView):
    """@@valider-dossier-et-pieces: the file and its pending records; what
    four eyes forbid this reviewer is listed apart, with why."""

    def plan(self):
        plan = worklists.validation_plan(file=self.context)
        return {
            "validate": [worklists.describe(obj) for obj in plan["validate"]],
            "skipped": [
                worklists.describe(obj, translate(message, context=self.request))
                for obj, message in plan["skipped"]
            ],
        }

    def act(self, comment):
        result = worklists.validate_all(file=self.context, comment=comment)
        for item in result["skipped"]:
            api.portal.show_message(
                item["reason"], request=self.request, type="warning"
            )
        api.portal.show_message(
            _(
                "msg_worklist_validated",
                default="Validés : ${count} élément(s).",
                mapping={"count": len(result["validated"])},
            ),
            request=self.request,
        )


class RejectionNotice(ViewletBase):
    """At the top of a rejected file or record: the reviewer's reason, who
    and when (the history's last reject; shown to who may read the history)."""

    def update(self):
        super().update()
        found = None
        if api.content.get_state(self.context, default=None) == "draft":
            found = worklists.rejection(self.context)
        self.rejection = found and dict(found, date=format_datetime(found["time"]))

    def render(self):
        return self.index() if self.rejection else ""
