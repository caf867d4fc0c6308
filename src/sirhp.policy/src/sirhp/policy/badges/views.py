"""Staff pages of badges: the ID photo, a badge, batch printing, a batch."""

from DateTime import DateTime
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from plone.protect import CheckAuthenticator
from sirhp.content.content.photo import set_photo
from sirhp.content.domain import photo as photo_rules
from sirhp.content.permissions import AddBadgePrintBatch
from sirhp.policy import _
from sirhp.policy.badges.cards import print_badges
from sirhp.policy.badges.secret import verification_url
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView
from sirhp.policy.permissions import TransitionPrintBadge
from sirhp.policy.workflow.handlers import _french
from zExceptions import BadRequest
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

MAX_BATCH = 500  # cards in one batch (one PDF)


class PhotoView(SirhpView):
    """Upload or take the ID photo, crop it (fixed ratio), store it.

    Without JavaScript the form still works: the photo is cropped at the
    centre. With it (static/photo.js) the clerk frames the face and may use
    the camera. The server checks everything again (sirhp.content.domain.photo).
    """

    error = None
    min_width = photo_rules.MIN_WIDTH
    min_height = photo_rules.MIN_HEIGHT

    def can_edit(self):
        return has_permission("Modify portal content", self.context)

    def proposes(self):
        """Validated file: the new photo is a change request (reviewed)."""
        from sirhp.content.changes.api import may_propose

        return not self.can_edit() and may_propose(self.context)

    def __call__(self):
        from AccessControl import Unauthorized
        from sirhp.content.changes import api as changes

        if not self.can_edit() and not self.proposes():
            raise Unauthorized("Modify portal content")
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if self.request.form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            upload = self.request.form.get("photo")
            data = upload.read() if hasattr(upload, "read") else b""
            try:
                box = photo_rules.parse_box(self.request.form.get("crop"))
                if self.proposes():
                    request = changes.propose_photo(
                        file=self.context,
                        data=data,
                        box=box,
                        justification=self.request.form.get("justification"),
                    )
                    api.portal.show_message(
                        _(
                            "msg_photo_requested",
                            default="Nouvelle photo proposée : un valideur doit "
                            "l'approuver.",
                        ),
                        request=self.request,
                    )
                    return self.request.response.redirect(request.absolute_url())
                set_photo(self.context, data, box)
            except photo_rules.PhotoError as error:
                self.error = error.message
                self.request.response.setStatus(400)
                return self.index()
            except changes.ChangeError as error:
                self.error = error.text(self.request)
                self.request.response.setStatus(400)
                return self.index()
            self.request.set("changeNote", "Nouvelle photo d'identité")
            notify(ObjectModifiedEvent(self.context))
            api.portal.show_message(
                _("msg_photo_saved", default="Photo d'identité enregistrée."),
                request=self.request,
            )
            return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def photo_url(self):
        if getattr(self.context, "photo", None) is not None:
            return f"{self.context.absolute_url()}/@@images/photo"
        return None


class BadgeView(SirhpView):
    """One badge: number, validity, state, what the public page answers."""

    def state(self):
        return api.content.get_state(self.context)

    def verification_url(self):
        return verification_url(self.context)

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
        return catalog(**self.query())[:MAX_BATCH]

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            return self.print_selected()
        return self.index()

    def print_selected(self):
        uids = self.request.form.get("uids") or []
        if isinstance(uids, str):
            uids = [uids]
        layout = self.request.form.get("layout") or "card"
        if layout not in ("card", "a4"):
            raise BadRequest(
                _french(
                    _("error_layout", default="Mise en page inconnue."),
                )
            )
        if not uids or len(uids) > MAX_BATCH:
            raise BadRequest(
                _french(
                    _(
                        "error_batch_size",
                        default="Choisissez entre 1 et 500 cartes à imprimer.",
                    ),
                )
            )
        batch = create_batch(self.context, uids, layout, self.request)
        api.portal.show_message(
            _("msg_batch_printed", default="Lot imprimé : téléchargez le PDF."),
            request=self.request,
        )
        return self.request.response.redirect(batch.absolute_url())


def create_batch(agency, uids, layout, request):
    """Print the badges ``uids`` of ``agency`` and record the batch.

    Each badge is found through the catalog with the user's own rights (a
    badge the user may not see is "not found") and must be printable by the
    user; any refusal stops the whole batch (nothing printed, nothing kept).
    """
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="Badge",
        UID=list(uids),
        agency=agency.getId(),
        review_state=["requested", "printed"],
    )
    if len(brains) != len(set(uids)):
        raise BadRequest(
            _french(
                _(
                    "error_batch_unknown",
                    default="Certaines cartes sont introuvables, déjà remises ou "
                    "hors de votre agence : rechargez la page.",
                ),
            )
        )
    badges = sorted(
        (brain.getObject() for brain in brains), key=lambda b: b.card_number
    )
    for badge in badges:
        if not has_permission(TransitionPrintBadge, badge) and (
            api.content.get_state(badge) == "requested"
        ):
            raise BadRequest(
                _french(
                    _(
                        "error_batch_forbidden",
                        default="Vous n'avez pas le droit d'imprimer la carte "
                        "${number}.",
                        mapping={"number": badge.card_number},
                    ),
                )
            )
    if not has_permission(AddBadgePrintBatch, agency):
        raise BadRequest(
            _french(_("error_batch_denied", default="Impression non permise."))
        )
    pdf = print_badges(badges, layout=layout)
    batch_id = "lot-" + DateTime().strftime("%Y%m%d-%H%M%S")
    while batch_id in agency.objectIds():
        batch_id += "-1"
    # checkConstraints: the add permission and the allowed types are checked.
    batch = createContentInContainer(
        agency,
        "BadgePrintBatch",
        checkConstraints=True,
        id=batch_id,
        print_layout=layout,
    )
    batch.card_numbers = [badge.card_number for badge in badges]
    batch.pdf = NamedBlobFile(
        data=pdf, contentType="application/pdf", filename=f"{batch.getId()}.pdf"
    )
    batch.reindexObject()
    return batch


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
