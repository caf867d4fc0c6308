"""Unit: an organisational unit (direction, commissariat, brigade, school...)."""

from plone.dexterity.content import Container
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.content.base import SirhpContent
from sirhp.content.interfaces import IUnit
from zope import schema
from zope.interface import implementer


class IUnitSchema(model.Schema):
    title = schema.TextLine(title=_("label_unit_name", default="Nom de l'unité"))
    code = schema.TextLine(
        title=_("label_unit_code", default="Code"),
        required=False,
    )
    kind = schema.Choice(
        title=_("label_unit_kind", default="Type d'unité"),
        vocabulary="sirhp.content.unit_kinds",
        required=True,
        default="commissariat",
    )
    region = schema.Choice(
        title=_("label_region", default="Région"),
        vocabulary="sirhp.content.regions",
        required=True,
    )
    address = schema.Text(title=_("label_address", default="Adresse"), required=False)


@implementer(IUnit, IUnitSchema)
class Unit(SirhpContent, Container):
    """A unit; units nest (a regional directorate holds its commissariats)."""
