"""ChangeRequest (demande de modification): proposed values for a validated
personnel file or record, applied only when a reviewer approves.

A request lives in the personnel file it concerns (so the file's local roles
apply: the officer sees his or her own requests as their owner). It keeps:

- ``target_uid``: the file itself or a record inside it;
- ``proposed``: {field name: JSON value} (dates ISO, units by UID);
- ``current``: the values of those fields when the request was made;
- ``base_version``: the CMFEditions version of the target it was based on
  (approval of a stale request is refused: ``api.check_approvable``);
- ``justification`` and an optional supporting scan (``attachment``).

The workflow ``sirhp_change_workflow`` (pending -> approved / rejected /
withdrawn) decides who sees and decides what. Which fields a request may
change, and who may propose them, is read here from the target's schema and
its field permissions.
"""

from Acquisition import aq_base
from plone import api
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.dexterity.utils import iterSchemata
from plone.namedfile.field import NamedBlobFile
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.changes import rules
from sirhp.content.content.base import SirhpContent
from sirhp.content.content.field_access import may_read_field
from sirhp.content.content.field_access import may_write_field
from sirhp.content.interfaces import IChangeRequest
from zope import schema
from zope.interface import implementer
from zope.schema import getFields


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
        max_length=rules.MAX_JUSTIFICATION,
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
        values=(rules.STAFF, rules.OFFICER),
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
    kind = rules.STAFF
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


def current_version(obj):
    """The CMFEditions version id of ``obj`` (None before its first version)."""
    return getattr(obj, "version_id", None)


def target_of(change):
    """The object ``change`` is about, found whatever the current user may
    see (system use: the caller decides what to show), or None."""
    uid = getattr(aq_base(change), "target_uid", None)
    if not uid:  # a catalog query without UID would match everything
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if brains else None


def schema_fields(obj):
    """{name: field} of every schema (and behaviour) of ``obj``."""
    fields = {}
    for iface in iterSchemata(obj):
        fields.update(getFields(iface))
    return fields


def proposable_fields(obj):
    """Names of the fields a request may change on ``obj`` (anybody's)."""
    return [
        name
        for name, field in schema_fields(obj).items()
        if rules.is_proposable(name, field.readonly)
    ]


def may_propose_field(obj, name):
    """The current user may propose (or approve) a new value of ``name``:
    a proposable field the user may both read and write on ``obj`` (its
    ``read_permission`` / ``write_permission``; e.g. medical fields: HR
    managers). Who may make a request at all is ``sirhp: Add
    ChangeRequest``, checked by the API."""
    return (
        name in proposable_fields(obj)
        and may_read_field(obj, name)
        and may_write_field(obj, name)
    )


def fields_proposable_by_user(obj):
    """Names of the fields the current user may propose on ``obj``."""
    return [name for name in proposable_fields(obj) if may_propose_field(obj, name)]
