"""Pages of change requests: the edit form that proposes, a request with its
diff, the review queue (À valider). Thin: the rules are those of
``sirhp.content.changes.api``."""

from AccessControl import Unauthorized
from plone import api
from plone.dexterity.browser.edit import DefaultEditForm
from plone.dexterity.i18n import MessageFactory as DMF
from plone.protect import CheckAuthenticator
from sirhp.content.changes import api as changes
from sirhp.content.permissions import ValidateWithRecords
from sirhp.content.worklists import api as worklists
from sirhp.policy import _
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView
from sirhp.policy.permissions import ReviewChanges
from z3c.form import button
from z3c.form.field import Fields
from zope import schema
from zope.i18n import translate


class EditOrProposeForm(DefaultEditForm):
    """``@@edit`` of files and records.

    Who may edit (drafts) edits. On validated content, who may propose gets
    the same form, but saving creates a pending change request (with a
    required justification) and the content stays as it is.
    """

    def __call__(self):
        if not self.can_edit() and not changes.may_propose(self.context):
            raise Unauthorized("Modify portal content")
        return super().__call__()

    def can_edit(self):
        return has_permission("Modify portal content", self.context)

    @property
    def label(self):
        if self.can_edit():
            return super().label
        return translate(
            _("label_propose_change", default="Demande de modification"),
            context=self.request,
        )

    def updateFields(self):
        super().updateFields()
        if not self.can_edit():
            justification = schema.Text(
                __name__="sirhp_justification",
                title=_("label_justification", default="Justification"),
                description=_(
                    "help_justification_form",
                    default="Obligatoire : votre demande sera examinée par un "
                    "valideur ; le dossier reste inchangé jusqu'à sa décision.",
                ),
                # the length is checked by the API, with its message
                required=True,
            )
            self.fields += Fields(justification, prefix="")

    @button.buttonAndHandler(DMF("Save"), name="save")
    def handleApply(self, action):
        if self.can_edit():
            return super().handleApply.func(self, action)
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        justification = data.pop("sirhp_justification", "") or ""
        try:
            change = changes.propose(
                target=self.context,
                changes=changes.changes_from_form(self.context, data),
                justification=justification,
            )
        except changes.ChangeError as error:
            self.status = error.text(self.request)
            return
        api.portal.show_message(
            _(
                "msg_change_requested",
                default="Demande de modification enregistrée : un valideur doit "
                "l'approuver ; le dossier reste inchangé d'ici là.",
            ),
            request=self.request,
        )
        self.request.response.redirect(change.absolute_url())

    @button.buttonAndHandler(DMF("Cancel"), name="cancel")
    def handleCancel(self, action):
        return super().handleCancel.func(self, action)


class ChangeRequestView(SirhpView):
    """A request: diff (current -> proposed), justification, attachment,
    conflicts, decision buttons."""

    def state(self):
        return api.content.get_state(self.context)

    def rows(self):
        return changes.diff(self.context)

    def stale(self):
        return self.state() == "pending" and changes.is_stale(self.context)

    def conflicts(self):
        if self.state() != "pending":
            return []
        return changes.conflicts(self.context)

    def transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return workflow.getTransitionsFor(self.context)

    def requester(self):
        return (self.context.listCreators() or ("",))[0]

    def can_review(self):
        return has_permission(ReviewChanges, self.context)

    def approval_blocked(self):
        """Why this reviewer cannot approve: fields he or she may not write."""
        if not (self.state() == "pending" and self.can_review()):
            return None
        return changes.approval_refusal(self.context)

    def attachment_url(self):
        if getattr(self.context, "attachment", None) is None:
            return None
        return f"{self.context.absolute_url()}/@@download/attachment"

    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("rebase"):
            CheckAuthenticator(self.request)
            if not (self.can_review() and self.state() == "pending"):
                raise Unauthorized("sirhp: Review changes")
            changes.rebase(self.context)
            api.portal.show_message(
                _(
                    "msg_change_rebased",
                    default="Demande rebasée sur les valeurs actuelles : "
                    "vérifiez le tableau avant de décider.",
                ),
                request=self.request,
            )
            return self.request.response.redirect(self.context.absolute_url())
        return self.index()


class ReviewQueueView(SirhpView):
    """À valider: what waits in the user's agencies, oldest first.

    Any logged-in user may open it; the catalog shows each one only what he
    or she may see (reviewers: their agency's pending items)."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("@@a-valider")
        return self.index()

    def types(self):
        return [
            {"value": k, "title": translate(v, context=self.request)}
            for k, v in changes.QUEUE_TYPES.items()
        ]

    def units(self):
        brains = api.portal.get_tool("portal_catalog")(
            portal_type="Unit", sort_on="sortable_title"
        )
        return [{"value": b.UID, "title": b.Title} for b in brains]

    def items(self):
        form = self.request.form
        portal_type = (
            form.get("type") if form.get("type") in changes.QUEUE_TYPES else None
        )
        unit = (
            form.get("unit")
            if form.get("unit") in {u["value"] for u in self.units()}
            else None
        )
        return worklists.queue_groups(portal_type=portal_type, unit=unit)

    def can_validate_all(self, group):
        """The grouped validation is offered on a file the user may
        validate with its records (its own permission, on the file)."""
        if not group["url"] and not group["items"]:
            return False
        file = api.content.get(path=group["file_path"])
        return file is not None and has_permission(ValidateWithRecords, file)

    def counts(self):
        return changes.queue_counts()
