"""Staff pages of badges: the ID photo, a badge, batch printing, a batch.

Thin: the rules and the work are the badge domain API's
(``sirhp.content.badges.api``); a refusal is shown as ``error.text(request)``.
"""

from AccessControl import Unauthorized
from plone import api
from plone.protect import CheckAuthenticator
from sirhp.content.badges import api as badges
from sirhp.content.badges import photo_rules
from sirhp.content.permissions import AddBadgePrintBatch
from sirhp.policy import _
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView
from zExceptions import BadRequest


class PhotoView(SirhpView):
    """Upload or take the ID photo, crop it (fixed ratio), store it.

    Without JavaScript the form still works: the photo is cropped at the
    centre. With it (static/photo.js) the clerk frames the face and may use
    the camera. The server checks everything again (the domain API).
    """

    error = None
    min_width = photo_rules.MIN_WIDTH
    min_height = photo_rules.MIN_HEIGHT

    def can_edit(self):
        return badges.may_set_photo(file=self.context)

    def proposes(self):
        """Validated file: the new photo is a change request (reviewed)."""
        return badges.may_propose_photo(file=self.context)

    def __call__(self):
        if not self.can_edit() and not self.proposes():
            raise Unauthorized("Modify portal content")
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if self.request.form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            return self.save()
        return self.index()

    def save(self):
        form = self.request.form
        upload = form.get("photo")
        try:
            proposal = badges.set_or_propose_photo(
                file=self.context,
                data=upload.read() if hasattr(upload, "read") else b"",
                box=form.get("crop"),
                justification=form.get("justification"),
            )
        except badges.PhotoError as error:
            self.error = error.text(self.request)
            self.request.response.setStatus(400)
            return self.index()
        if proposal is not None:
            api.portal.show_message(
                _(
                    "msg_photo_requested",
                    default="Nouvelle photo proposée : un valideur doit l'approuver.",
                ),
                request=self.request,
            )
            return self.request.response.redirect(proposal.absolute_url())
        api.portal.show_message(
            _("msg_photo_saved", default="Photo d'identité enregistrée."),
            request=self.request,
        )
        return self.request.response.redirect(self.context.absolute_url())

    def photo_url(self):
        if getattr(self.context, "photo", None) is not None:
            return f"{self.context.absolute_url()}/@@images/photo"
        return None


class BadgeView(SirhpView):
    """One badge: number, validity, state, what the public page answers."""

    def state(self):
        return api.content.get_state(self.context)

    def verification_url(self):
        return badges.verification_url(badge=self.context)

    def reason_label(self):
        return self.labels(
            "sirhp.content.badge_revocation_reasons", self.context.revocation_reason
        )

    def request_reason_label(self):
        return self.labels(
            "sirhp.content.badge_request_reasons", self.context.request_reason
        )

    def transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return workflow.getTransitionsFor(self.context)

    def file_url(self):
        return self.context.__parent__.absolute_url()


class PrintView(SirhpView):
    """Batch printing on an agency: choose cards, get one PDF, keep a record."""

    def units(self):
        brains = api.portal.get_tool("portal_catalog")(
            portal_type="Unit",
            path="/".join(self.context.getPhysicalPath()),
            sort_on="sortable_title",
        )
        return [{"value": b.UID, "title": b.Title} for b in brains]

    def state(self):
        state = self.request.form.get("state")
        return state if state in ("requested", "printed") else "requested"

    def query(self):
        form = self.request.form
        query = {
            "portal_type": "Badge",
            "agency": self.context.getId(),
            "review_state": self.state(),
            "sort_on": "matricule",
        }
        unit = form.get("unit")
        if unit and unit in {u["value"] for u in self.units()}:
            query["unit"] = unit
        return query

    def candidates(self):
        catalog = api.portal.get_tool("portal_catalog")
        return catalog(**self.query())[: badges.MAX_BATCH]

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            return self.print_selected()
        return self.index()

    def print_selected(self):
        uids = self.request.form.get("uids") or []
        if isinstance(uids, str):
            uids = [uids]
        try:
            batch = badges.create_print_batch(
                agency=self.context,
                badges=uids,
                layout=self.request.form.get("layout") or "card",
            )
        except badges.BadgeError as error:
            raise BadRequest(error.text(self.request)) from None
        api.portal.show_message(
            _("msg_batch_printed", default="Lot imprimé : téléchargez le PDF."),
            request=self.request,
        )
        return self.request.response.redirect(batch.absolute_url())


class BatchView(SirhpView):
    """A print batch: who, when, which cards, the PDF again."""

    def pdf_url(self):
        return f"{self.context.absolute_url()}/@@download/pdf"

    def cards(self):
        catalog = api.portal.get_tool("portal_catalog")
        numbers = list(self.context.card_numbers or ())
        brains = {
            b.card_number: b for b in catalog(portal_type="Badge", card_number=numbers)
        }
        return [{"number": number, "brain": brains.get(number)} for number in numbers]

    def creator(self):
        return self.context.Creator()

    def can_print(self):
        return has_permission(AddBadgePrintBatch, self.context.__parent__)

    def print_url(self):
        return f"{self.context.__parent__.absolute_url()}/@@impression-cartes"
