"""Confirm a workflow transition, with a comment (required to reject)."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from sirhp.policy import _
from sirhp.policy.browser.utils import SirhpView
from zExceptions import BadRequest
from zExceptions import Forbidden
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

    def comment_required(self):
        return self.transition_id() == "reject"

    def __call__(self):
        transition = self.transition()
        if transition is None:
            # Same answer whether the transition exists or is not allowed.
            raise Forbidden(
                translate(
                    _(
                        "error_transition_unavailable",
                        default="Cette action n'est pas possible sur ce document.",
                    ),
                    context=self.request,
                )
            )
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if self.request.form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            comment = (self.request.form.get("comment") or "").strip()
            if len(comment) > 2000:
                raise BadRequest(
                    translate(
                        _(
                            "error_comment_too_long",
                            default="Commentaire trop long (2000 caractères au plus).",
                        ),
                        context=self.request,
                    )
                )
            try:
                api.content.transition(
                    obj=self.context, transition=self.transition_id(), comment=comment
                )
            except (WorkflowException, api.exc.InvalidParameterError) as exc:
                self.error = str(exc)
                self.request.response.setStatus(400)
                return self.index()
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
