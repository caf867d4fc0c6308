"""The badge domain API: ID photos, print batches, the public card check.

Views and REST services (``sirhp.policy.badges``, ``badges/services``) call
these functions with keyword arguments and show a refusal as
``error.text(request)``: ``PhotoError`` and ``BadgeError`` (HTTP 400). Each
rule is checked here, once for every channel; the pure rules are in
``rules.py``, Pillow's work in ``image.py``, the card PDF in ``card.py``.

- The photo: the uploaded picture re-encoded without metadata
  (``photo_original``) and the 7:9 ID crop printed on the card (``photo``).
  The schema fields are read-only: ``set_photo`` is the only way in.
- Printing: a batch fires ``print`` on the requested badges, keeps on each
  badge a snapshot of what its card shows (the public page answers from
  it, never from the personnel file), draws one PDF and records the batch.
- The public check (``verification_url``, ``check_card``) is in
  ``verification.py``, with the site's secret; ``badge_setting`` in
  ``content.py``: both are part of this API.
"""

from Acquisition import aq_base
from DateTime import DateTime
from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from Products.CMFCore.permissions import ModifyPortalContent
from sirhp.content import _
from sirhp.content.badges import image
from sirhp.content.badges import photo_rules
from sirhp.content.badges import rules
from sirhp.content.badges.card import render_cards
from sirhp.content.badges.card_layout import ACCENT
from sirhp.content.badges.card_layout import CardData
from sirhp.content.badges.content import badge_setting  # noqa: F401 (API)
from sirhp.content.badges.verification import check_card  # noqa: F401 (API)
from sirhp.content.badges.verification import verification_url  # API too
from sirhp.content.base.errors import SirhpError
from sirhp.content.changes import api as changes
from sirhp.content.content.records import parent_file
from sirhp.content.content.records import term_title
from sirhp.content.interfaces import IBadge
from sirhp.content.permissions import AddBadgePrintBatch
from sirhp.content.permissions import TransitionPrintBadge
from sirhp.content.vocabularies.units import find_agency
from zExceptions import Unauthorized
from zope.event import notify
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.lifecycleevent import ObjectModifiedEvent

MAX_BATCH = rules.MAX_BATCH
# The version comment of a new photo (kept in the file's history as is).
PHOTO_CHANGE_NOTE = "Nouvelle photo d'identité"

MSG_LAYOUT = _("error_layout", default="Mise en page inconnue.")
MSG_BATCH_SIZE = _(
    "error_batch_size", default="Choisissez entre 1 et 500 cartes à imprimer."
)
MSG_BATCH_UNKNOWN = _(
    "error_batch_unknown",
    default="Certaines cartes sont introuvables, déjà remises ou hors de votre "
    "agence : rechargez la page.",
)
MSG_BATCH_DENIED = _("error_batch_denied", default="Impression non permise.")


class BadgeError(SirhpError):
    """A refused badge operation (HTTP 400)."""


class PhotoError(SirhpError):
    """A refused ID photo (HTTP 400); nothing is stored."""

    @classmethod
    def refused(cls, refusal):
        """The translatable error of a rule's refusal: a ``photo_rules.PhotoRefused``
        or one of the ``rules.MSG_*`` (msgid, French default)."""
        if not isinstance(refusal, photo_rules.PhotoRefused):
            refusal = photo_rules.PhotoRefused(refusal)
        mapping = refusal.mapping or None
        return cls(_(refusal.msgid, default=refusal.default, mapping=mapping))


def active_badges(*, file, exclude=None):
    """The badges of a file whose state is requested, printed or issued.

    :param file: a personnel file.
    :param exclude: a badge left out (the new request), or None.
    :returns: a list of badges.
    """
    result = []
    for item in file.objectValues():
        if not IBadge.providedBy(item):
            continue
        if exclude is not None and aq_base(item) is aq_base(exclude):
            continue
        if api.content.get_state(item, default=None) in rules.ACTIVE_STATES:
            result.append(item)
    return result


# --- The ID photo -----------------------------------------------------------


def _blob(clean, filename):
    return NamedBlobImage(
        data=clean.data, contentType=clean.content_type, filename=filename
    )


def prepare_photo(*, file, data, box=None):
    """The cleaned original and the ID crop of a picture; nothing stored.

    :param file: the personnel file (its matricule names the images).
    :param data: the uploaded bytes.
    :param box: the crop box ``(x, y, width, height)`` in pixels of the
        upright original, or None (largest centred 7:9 box).
    :returns: ``(original, crop)`` as ``NamedBlobImage``.
    :raises PhotoError: the picture is refused (type, size, damage, box).
    """
    try:
        original = image.clean_photo(data)
        cropped = image.crop_to_id(original.data, box)
    except photo_rules.PhotoRefused as refusal:
        raise PhotoError.refused(refusal) from None
    matricule = getattr(file, "matricule", None) or "photo"
    return (
        _blob(original, f"{matricule}-original.jpg"),
        _blob(cropped, f"{matricule}.jpg"),
    )


def set_photo(*, file, data, box=None):
    """Store a picture as the file's photo (the only way a photo is stored).

    No permission check and no event: for callers that checked (the photo
    page and ``@photo`` go through ``set_or_propose_photo``), and for code.

    :param file: the personnel file.
    :param data: the uploaded bytes.
    :param box: the crop box ``(x, y, width, height)``, or None (centred).
    :raises PhotoError: the picture is refused; nothing is stored.
    """
    file.photo_original, file.photo = prepare_photo(file=file, data=data, box=box)
    file.photo_crop = photo_rules.box_text(box)


def may_set_photo(*, file):
    """Whether the current user sets the file's photo (edits the file).

    :param file: the personnel file.
    :returns: bool.
    """
    return api.user.has_permission(ModifyPortalContent, obj=file)


def may_propose_photo(*, file):
    """Whether the current user proposes a new photo for review instead
    (validated file, records staff; not the officer concerned).

    :param file: the personnel file.
    :returns: bool.
    """
    return not may_set_photo(file=file) and changes.may_propose(file)


def set_or_propose_photo(*, file, data, box=None, justification=None):
    """A new ID photo: set it, or on a validated file propose it for review.

    Who may edit the file sets the photo (a new version of the file); who
    may propose a change to it creates a pending change request; anybody
    else is refused as by a permission check.

    :param file: the personnel file.
    :param data: the uploaded bytes.
    :param box: the crop box as sent: ``"x,y,w,h"``, a list of four numbers,
        or None/empty (centred crop).
    :param justification: why (required for a proposal).
    :returns: the pending change request when proposed, None when set.
    :raises Unauthorized: the user may neither set nor propose the photo.
    :raises PhotoError: the picture, the box or the proposal is refused;
        nothing is stored.
    """
    if may_set_photo(file=file):
        set_photo(file=file, data=data, box=_parse_box(box))
        request = getRequest()
        if request is not None:
            request.set("changeNote", PHOTO_CHANGE_NOTE)
        notify(ObjectModifiedEvent(file))
        return None
    if not changes.may_propose(file):
        # What the permission check of a page or service answers (401/login).
        raise Unauthorized(ModifyPortalContent)
    return _propose_photo(file, data, _parse_box(box), justification)


def _parse_box(box):
    try:
        return photo_rules.parse_box(box)
    except photo_rules.PhotoRefused as refusal:
        raise PhotoError.refused(refusal) from None


def _propose_photo(file, data, box, justification):
    """The one place a photo reaches change requests: the proposal's own
    checks first (state, permission, justification), then the picture."""
    try:
        justification = changes.check_photo_proposal(
            file=file, justification=justification
        )
        original, cropped = prepare_photo(file=file, data=data, box=box)
        return changes.propose_photo(
            file=file,
            original=original,
            photo=cropped,
            crop=photo_rules.box_text(box),
            justification=justification,
        )
    except changes.ChangeError as error:
        raise PhotoError(error.message) from None


# --- Printing ---------------------------------------------------------------


def create_print_batch(*, agency, badges, layout="card"):
    """Print badges of an agency and record the batch (``BadgePrintBatch``).

    Each badge is found through the catalog with the user's own rights (a
    badge the user may not see is "not found") and must be printable by the
    user; any refusal stops the whole batch (nothing printed, nothing kept).

    :param agency: the agency whose badges are printed (the batch is kept
        there).
    :param badges: the UIDs of the badges (requested or printed: a printed
        card is printed again as it is).
    :param layout: ``"card"`` or ``"a4"`` (``rules.PRINT_LAYOUTS``).
    :returns: the new ``BadgePrintBatch`` (its ``pdf`` holds the cards).
    :raises BadgeError: unknown layout, not 1 to ``MAX_BATCH`` badges, a
        badge not found or not printable by the user, printing not allowed.
    """
    if not rules.is_print_layout(layout):
        raise BadgeError(MSG_LAYOUT, field="layout")
    if not rules.is_batch_size(len(badges)):
        raise BadgeError(MSG_BATCH_SIZE, field="badges")
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="Badge",
        UID=list(badges),
        agency=agency.getId(),
        review_state=["requested", "printed"],
    )
    if len(brains) != len(set(badges)):
        raise BadgeError(MSG_BATCH_UNKNOWN, field="badges")
    found = sorted((brain.getObject() for brain in brains), key=lambda b: b.card_number)
    for badge in found:
        if not api.user.has_permission(TransitionPrintBadge, obj=badge) and (
            api.content.get_state(badge) == "requested"
        ):
            raise BadgeError(
                _(
                    "error_batch_forbidden",
                    default="Vous n'avez pas le droit d'imprimer la carte ${number}.",
                    mapping={"number": badge.card_number},
                ),
                field="badges",
            )
    if not api.user.has_permission(AddBadgePrintBatch, obj=agency):
        raise BadgeError(MSG_BATCH_DENIED)
    pdf = print_batch(badges=found, layout=layout)
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
    batch.card_numbers = [badge.card_number for badge in found]
    batch.pdf = NamedBlobFile(
        data=pdf, contentType="application/pdf", filename=f"{batch.getId()}.pdf"
    )
    batch.reindexObject()
    return batch


def print_batch(*, badges, layout="card"):
    """Fire ``print`` on the requested badges, draw every card, return the PDF.

    The caller has checked that the user may print each badge (the workflow
    guard checks it again). Badges already printed are reprinted as they are.

    :param badges: the badges, in printing order.
    :param layout: ``"card"`` or ``"a4"``.
    :returns: the PDF (bytes).
    """
    cards = []
    for badge in badges:
        if api.content.get_state(badge) == "requested":
            api.content.transition(obj=badge, transition="print")
        data = card_data(badge=badge)
        _snapshot(badge, data)
        cards.append(data)
    return render_cards(cards, layout=layout)


def card_data(*, badge):
    """What the card of a badge shows, from its file as of now.

    :param badge: a badge.
    :returns: a ``CardData``; the agency's name, code and colour are the
        Agency's own.
    """
    file = parent_file(badge)
    agency = find_agency(badge)
    photo = getattr(file, "photo", None)
    return CardData(
        agency_title=agency.Title(),
        agency_code=rules.agency_code(agency.short_name),
        colour=agency.primary_color or "#1F3A93",
        accent=ACCENT,
        full_name=file.full_name,
        grade=translate(
            term_title("sirhp.content.grades", file.grade, file),
            target_language="fr",
        ),
        matricule=file.matricule,
        unit=_unit_title(file),
        card_number=badge.card_number,
        issue_date=badge.issue_date or date.today(),
        expiry_date=badge.expiry_date or date.today(),
        verification_url=verification_url(badge=badge),
        photo=photo.data if photo is not None else None,
    )


def _unit_title(file):
    relation = getattr(file, "unit", None)
    if relation is None or relation.isBroken():
        return ""
    return relation.to_object.Title()


def _snapshot(badge, data):
    """Keep on the badge what the public page may show of its card."""
    badge.holder_name = data.full_name
    badge.holder_grade = data.grade
    badge.holder_agency = data.agency_title
    badge.holder_photo = image.thumbnail(data.photo) if data.photo else None
