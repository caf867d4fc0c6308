"""Confirm a workflow transition, with a comment (required to reject)."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from sirhp.content.badges.vocabularies import BADGE_REVOCATION_REASONS
from sirhp.content.interfaces import IPersonnelFile
from sirhp.content.worklists import api as worklists
from sirhp.policy import _
from sirhp.policy.base.views import SirhpView
from sirhp.policy.workflow.refusals import refusal
from sirhp.policy.workflow.refusals import submission_notice
from zope.i18n import translate


class TransitionForm(SirhpView):
    """GET: the confirmation form; POST: fire the transition and go back."""

    error = None

    def transition_id(self):
        return self.request.form.get("transition", "")

    def available(self):
        workflow = api.portal.get_tool("portal_workflow")
        return {t["id"]: t for t in workflow.getTransitionsFor(self.context)}

    def transition(self):
        return self.available().get(self.transition_id())

    def pending_records(self):
        """Validating a file whose records still wait: they are listed
        before the confirmation (the grouped validation validates them)."""
        if self.transition_id() != "validate" or not IPersonnelFile.providedBy(
            self.context
        ):
            return []
        return worklists.pending_records(file=self.context)

    def comment_required(self):
        return self.transition_id() == "reject"

    def reasons(self):
        """Revocation reasons of a badge (the revoke transition only)."""
        if self.transition_id() != "revoke":
            return []
        return [
            {"value": code, "title": translate(title, context=self.request)}
            for code, title in BADGE_REVOCATION_REASONS
            if code != "reissue"  # given by the system when a new card is asked
        ]

    def __call__(self):
        transition = self.transition()
        if transition is None:
            # The reason in French on the page (not Zope's bare 403)
            self.error = refusal(self.context, self.transition_id(), self.request)
            self.request.response.setStatus(403)
            return self.index()
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if self.request.form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            # length and type are checked by the workflow (handlers.check_comment)
            comment = (self.request.form.get("comment") or "").strip()
            extra = {}
            if self.transition_id() == "revoke":
                extra["revocation_reason"] = self.request.form.get("revocation_reason")
            workflow = api.portal.get_tool("portal_workflow")
            try:
                # portal_workflow, not api.content.transition: the latter
                # replaces our French reason with "Invalid transition".
                workflow.doActionFor(
                    self.context, self.transition_id(), comment=comment, **extra
                )
            except (WorkflowException, api.exc.InvalidParameterError) as exc:
                self.error = str(exc)
                self.request.response.setStatus(400)
                return self.index()
            notice = (
                submission_notice(self.context, self.request)
                if self.transition_id() == "submit"
                else None
            )
            if notice:
                api.portal.show_message(notice, request=self.request, type="warning")
            api.portal.show_message(
                _(
                    "msg_transition_done",
                    default="Action effectuée : ${title}.",
                    mapping={
                        "title": translate(
                            transition["title"], domain="plone", context=self.request
                        )
                    },
                ),
                request=self.request,
            )
            return self.request.response.redirect(self.context.absolute_url())
        return self.index()
