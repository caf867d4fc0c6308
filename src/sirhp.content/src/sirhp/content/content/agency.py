"""Agency: an agency or service sharing the portal (the Police nationale, the
OCS, and those administrators add: ``sirhp.content.agencies``). Holds its
units and its files."""

from plone.app.content.namechooser import NormalizingNameChooser
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.agencies.api import edit_errors
from sirhp.content.content.base import SirhpContent
from sirhp.content.interfaces import IAgency
from sirhp.content.interfaces import IPersonnelFile
from zope import schema
from zope.component import adapter
from zope.container.interfaces import INameChooser
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant

# no "Manage agency settings" permission: the portal's administrators
SEQUENCE_WRITE_PERMISSION = "cmf.ManagePortal"


class IAgencySchema(model.Schema):
    title = schema.TextLine(title=_("label_agency_name", default="Nom de l'agence"))
    short_name = schema.TextLine(
        title=_("label_short_name", default="Sigle"), required=False
    )
    primary_color = schema.TextLine(
        title=_("label_primary_color", default="Couleur principale (#RRGGBB)"),
        required=False,
        default="#1F3A93",
    )
    # who prepared an attestation does not issue it (attestations.api)
    attestation_four_eyes = schema.Bool(
        title=_(
            "label_attestation_four_eyes",
            default="Quatre yeux pour les attestations",
        ),
        required=False,
        default=False,
    )

    # The matricule sequence of new files (admissions of a concours): the
    # agency's block of numbers and the next one to try
    # (``content.matricule_sequence``). Site administrators set them.
    model.fieldset(
        "matricules",
        label=_("label_fieldset_matricules", default="Matricules"),
        fields=["matricule_prefix", "matricule_next"],
    )
    directives.write_permission(
        matricule_prefix=SEQUENCE_WRITE_PERMISSION,
        matricule_next=SEQUENCE_WRITE_PERMISSION,
    )
    matricule_prefix = schema.TextLine(
        title=_("label_matricule_prefix", default="Préfixe des matricules"),
        description=_(
            "help_matricule_prefix",
            default="Premiers chiffres des matricules de l'agence (1 à 3 "
            "chiffres, ex. 1 pour la Police nationale, 8 pour l'OCS).",
        ),
        required=False,
        max_length=3,
        constraint=lambda value: not value or value.isdigit(),
    )
    matricule_next = schema.Int(
        title=_("label_matricule_next", default="Prochain numéro de matricule"),
        description=_(
            "help_matricule_next",
            default="Les six chiffres du prochain matricule attribué ; les "
            "numéros déjà pris sont sautés.",
        ),
        required=False,
        min=0,
        max=999999,
    )

    @invariant
    def agency_rules(data):
        """An edited agency keeps to the rules of a new one (its edit form
        and ``PATCH``): a valid short name, colour and prefix, none shared
        with another agency. A new one was checked by ``add_agency``."""
        context = getattr(data, "__context__", None)
        if not IAgency.providedBy(context):
            return
        values = {name: getattr(data, name, None) for name in EDITED}
        found = edit_errors(agency=context, values=values)
        if found:
            raise Invalid(found[0].message)


# the values of an agency its edit checks (``IAgencySchema.agency_rules``)
EDITED = ("title", "short_name", "primary_color", "matricule_prefix")


@implementer(IAgency, IAgencySchema)
class Agency(SirhpContent, Container):
    """An agency sharing the portal (Police nationale, OCS)."""

    # Unordered (plone.folder): an ordered folder keeps the ids of its
    # 20,000 files in one list, rewritten whole by every new file, and two
    # files created at once conflict on it. Files are listed through the
    # catalog, sorted by name or matricule, never by position.
    _ordering = "unordered"


@implementer(INameChooser)
@adapter(IAgency)
class AgencyNameChooser(NormalizingNameChooser):
    """Personnel files are named after their matricule, as is."""

    def chooseName(self, name, obj):
        if IPersonnelFile.providedBy(obj) and getattr(obj, "matricule", None):
            return obj.matricule
        return super().chooseName(name, obj)
