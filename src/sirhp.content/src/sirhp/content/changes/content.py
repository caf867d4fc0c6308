"""ChangeRequest (demande de modification): proposed values for a validated
personnel file or record, applied only when a reviewer approves.

A request lives in the personnel file it concerns (so the file's local roles
apply: the officer sees his or her own requests as their owner). It keeps:

- ``target_uid``: the file itself or a record inside it;
- ``proposed``: {field name: JSON value} (dates ISO, units by UID);
- ``current``: the values of those fields when the request was made;
- ``base_version``: the CMFEditions version of the target it was based on
  (approval of a stale request is refused: sirhp.policy.workflow.changes);
- ``justification`` and an optional supporting scan (``attachment``).

The workflow ``sirhp_change_workflow`` (pending -> approved / rejected /
withdrawn) decides who sees and decides what.
"""

from datetime import date
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.content.base import SirhpContent
from sirhp.content.content.field_access import may_read_field
from sirhp.content.content.field_access import may_write_field
from sirhp.content.interfaces import IChangeRequest
from zope import schema
from zope.interface import implementer
from zope.schema import getFields

# The key of a proposed photo in ``proposed`` (the image is ``new_photo``).
PHOTO_KEY = "photo"

# Fields never changed through a request: identity of the object, files,
# what the workflow or SIRHP sets, and versioning (administrators only).
NOT_PROPOSABLE = frozenset(
    {
        "matricule",
        "photo",
        "photo_original",
        "photo_crop",
        "file",
        "card_number",
        "revocation_reason",
        "changeNote",
        "versioning_enabled",
    }
)
# A supporting scan is small: one act, one certificate.
ATTACHMENT_MAX_MB = 10


class IChangeRequestSchema(model.Schema):
    directives.omitted(
        "target_uid",
        "target_title",
        "base_version",
        "proposed",
        "current",
        "kind",
        "new_photo",
        "new_photo_original",
    )
    justification = schema.Text(
        title=_("label_justification", default="Justification"),
        description=_(
            "help_justification",
            default="Pourquoi ces valeurs sont-elles justes ? Citez la pièce qui le "
            "prouve.",
        ),
        required=True,
        max_length=2000,
    )
    attachment = NamedBlobFile(
        title=_("label_attachment", default="Pièce justificative (scan, facultatif)"),
        required=False,
    )
    target_uid = schema.TextLine(
        title=_("label_target", default="Élément concerné"), readonly=True
    )
    target_title = schema.TextLine(
        title=_("label_target_title", default="Élément"), readonly=True
    )
    base_version = schema.Int(
        title=_("label_base_version", default="Version de base"), readonly=True
    )
    proposed = schema.Dict(
        title=_("label_proposed", default="Valeurs proposées"),
        key_type=schema.TextLine(),
        readonly=True,
    )
    current = schema.Dict(
        title=_("label_current", default="Valeurs au moment de la demande"),
        key_type=schema.TextLine(),
        readonly=True,
    )
    kind = schema.Choice(
        title=_("label_request_kind", default="Origine"),
        values=("staff", "officer"),
        readonly=True,
    )
    # A new ID photo proposed for a validated file (already checked, cropped
    # and stripped of metadata: sirhp.content.content.photo).
    new_photo = NamedBlobImage(
        title=_("label_new_photo", default="Nouvelle photo d'identité"),
        required=False,
        readonly=True,
    )
    new_photo_original = NamedBlobImage(
        title=_("label_new_photo_original", default="Nouvelle photo (avant recadrage)"),
        required=False,
        readonly=True,
    )


@implementer(IChangeRequest, IChangeRequestSchema)
class ChangeRequest(SirhpContent, Item):
    target_uid = None
    target_title = ""
    base_version = None
    proposed = None
    current = None
    kind = "staff"
    decided_by = None
    new_photo = None
    new_photo_original = None
    new_photo_crop = ""

    @property
    def title(self):
        return f"Demande de modification : {self.target_title or ''}".strip()

    @title.setter
    def title(self, value):
        """Derived."""

    def Title(self):
        return self.title


# --- values to and from JSON ---------------------------------------------


def schema_fields(obj):
    """{name: field} of every schema (and behaviour) of ``obj``."""
    from plone.dexterity.utils import iterSchemata

    fields = {}
    for iface in iterSchemata(obj):
        fields.update(getFields(iface))
    return fields


def to_json(value):
    """A stored field value as JSON (dates ISO, relations by UID)."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "to_object"):  # z3c.relationfield RelationValue
        target = None if value.isBroken() else value.to_object
        return target.UID() if target is not None else None
    if callable(getattr(value, "UID", None)):  # a content object (forms)
        return value.UID()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return value


def proposable_fields(obj):
    """Names of the fields a request may change on ``obj`` (anybody's)."""
    return [
        name
        for name, field in schema_fields(obj).items()
        if not field.readonly and name not in NOT_PROPOSABLE
    ]


def may_propose_field(obj, name):
    """The current user may propose (or approve) a new value of ``name``:
    a proposable field the user may both read and write on ``obj`` (its
    ``read_permission`` / ``write_permission``; e.g. medical fields: HR
    managers). Who may make a request at all is ``sirhp: Add
    ChangeRequest``, checked by the caller."""
    return (
        name in proposable_fields(obj)
        and may_read_field(obj, name)
        and may_write_field(obj, name)
    )


def fields_proposable_by_user(obj):
    """Names of the fields the current user may propose on ``obj``."""
    return [name for name in proposable_fields(obj) if may_propose_field(obj, name)]


# --- the supporting scan ---------------------------------------------------


def attachment_file(filename, data):
    """The stored supporting scan: the same checks as a scanned document
    (type from the bytes, active or encrypted PDFs, pixel bombs...), images
    converted to one PDF without their metadata (EXIF, GPS). Raises
    ``DocumentError`` (French message)."""
    from plone.namedfile.file import NamedBlobFile
    from sirhp.content.domain.document_file import normalise_file
    from sirhp.content.domain.document_file import pdf_filename

    stored = normalise_file(data, ATTACHMENT_MAX_MB)
    return NamedBlobFile(
        data=stored.data,
        contentType=stored.content_type,
        filename=pdf_filename(filename, fallback="piece-justificative"),
    )


def check_attachment(obj):
    """Raise ``DocumentError`` unless the stored scan (if any) is a PDF that
    passes the checks (content made by code is checked too)."""
    from sirhp.content.domain.document_file import check_file
    from sirhp.content.domain.document_file import DocumentError
    from sirhp.content.domain.document_file import MSG_UNKNOWN

    attachment = getattr(obj, "attachment", None)
    if attachment is None:
        return
    checked = check_file(attachment.data, ATTACHMENT_MAX_MB)
    if checked.kind != "pdf" or attachment.contentType != "application/pdf":
        raise DocumentError(MSG_UNKNOWN)
