"""Agency: the Police nationale or the OCS. Holds its units and its files."""

from plone.app.content.namechooser import NormalizingNameChooser
from plone.dexterity.content import Container
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.content.base import SirhpContent
from sirhp.content.interfaces import IAgency
from sirhp.content.interfaces import IPersonnelFile
from zope import schema
from zope.component import adapter
from zope.container.interfaces import INameChooser
from zope.interface import implementer


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


@implementer(IAgency, IAgencySchema)
class Agency(SirhpContent, Container):
    """An agency sharing the portal (Police nationale, OCS)."""


@implementer(INameChooser)
@adapter(IAgency)
class AgencyNameChooser(NormalizingNameChooser):
    """Personnel files are named after their matricule, as is."""

    def chooseName(self, name, obj):
        if IPersonnelFile.providedBy(obj) and getattr(obj, "matricule", None):
            return obj.matricule
        return super().chooseName(name, obj)
