"""Badge (carte professionnelle) inside a personnel file, and print batches.

The card number and the verification id are given by SIRHP when the badge is
requested, never typed nor changed: the schema fields are read-only. The life
of a card (requested, printed, issued, expired, revoked) is the workflow
``sirhp_badge_workflow`` of sirhp.policy (``sirhp.policy.badges.workflow``).
"""

from plone import api
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.badges import rules
from sirhp.content.content.base import SirhpContent
from sirhp.content.interfaces import IBadge
from sirhp.content.interfaces import IBadgePrintBatch
from sirhp.content.interfaces import IBadgeSettings
from sirhp.content.vocabularies.units import find_agency
from zope import schema
from zope.interface import implementer


class IBadgeSchema(model.Schema):
    # Given by SIRHP and by the workflow: shown on the badge page, not in forms.
    directives.omitted("card_number", "revocation_reason")
    card_number = schema.TextLine(
        title=_("label_card_number", default="Numéro de carte"),
        description=_(
            "help_card_number",
            default="Attribué par SIRHP à la demande ; aléatoire, il ne dérive pas "
            "du matricule.",
        ),
        required=False,
        readonly=True,
    )
    issue_date = schema.Date(
        title=_("label_issue_date", default="Date de délivrance"),
        description=_(
            "help_issue_date", default="Renseignée à l'impression si elle est vide."
        ),
        required=False,
    )
    expiry_date = schema.Date(
        title=_("label_expiry_date", default="Date d'expiration"),
        description=_(
            "help_expiry_date",
            default="Renseignée à l'impression (durée de validité des réglages).",
        ),
        required=False,
    )
    request_reason = schema.Choice(
        title=_("label_request_reason", default="Motif de la demande"),
        vocabulary="sirhp.content.badge_request_reasons",
        required=True,
        default="first",
    )
    revocation_reason = schema.Choice(
        title=_("label_revocation_reason", default="Motif de révocation"),
        vocabulary="sirhp.content.badge_revocation_reasons",
        required=False,
        readonly=True,
    )


@implementer(IBadge, IBadgeSchema)
class Badge(SirhpContent, Item):
    """One card; several over a career, at most one active at a time."""

    # Set once, when the badge is added (see assign_badge_numbers).
    verification_id = None

    @property
    def title(self):
        number = getattr(self, "card_number", None) or ""
        return f"Carte professionnelle {number}".strip()

    @title.setter
    def title(self, value):
        """Derived from the card number; a given title is ignored."""

    def Title(self):
        return self.title


def badge_setting(name):
    """A badge setting (registry ``sirhp.badge.<name>``), or its default.

    :param name: a field of ``IBadgeSettings`` (``validity_years``...).
    :returns: the value.
    """
    return api.portal.get_registry_record(
        f"sirhp.badge.{name}", default=IBadgeSettings[name].default
    )


def card_number_taken(number):
    """Whether a badge of any agency already has this number (yes/no only)."""
    catalog = api.portal.get_tool("portal_catalog")
    return bool(
        len(catalog.unrestrictedSearchResults(portal_type="Badge", card_number=number))
    )


def assign_badge_numbers(badge, event):
    """Give a new badge its random card number and verification id."""
    if getattr(badge, "card_number", None):
        return  # an import or a copy keeps its number
    agency = find_agency(badge)
    code = rules.agency_code(getattr(agency, "short_name", None))
    number = rules.new_card_number(code)
    while card_number_taken(number):  # 32^8: practically never loops
        number = rules.new_card_number(code)
    badge.card_number = number
    badge.verification_id = rules.new_verification_id()
    badge.reindexObject()


class IBadgePrintBatchSchema(model.Schema):
    directives.omitted("card_numbers", "pdf")
    # Not "layout": that attribute names the display view of any Plone item.
    # Its vocabulary is rules.PRINT_LAYOUTS (badges/vocabularies.py).
    print_layout = schema.Choice(
        title=_("label_print_layout", default="Mise en page"),
        vocabulary="sirhp.content.badge_layouts",
        required=True,
        default="card",
    )
    card_numbers = schema.List(
        title=_("label_batch_cards", default="Cartes imprimées"),
        value_type=schema.TextLine(),
        required=False,
        readonly=True,
    )
    pdf = NamedBlobFile(
        title=_("label_batch_pdf", default="PDF du lot"),
        required=False,
        readonly=True,
    )


@implementer(IBadgePrintBatch, IBadgePrintBatchSchema)
class BadgePrintBatch(SirhpContent, Item):
    """What was printed, when and by whom (the creator): kept for the record."""

    @property
    def title(self):
        created = self.created().strftime("%d/%m/%Y %H:%M") if self.created() else ""
        count = len(getattr(self, "card_numbers", None) or ())
        return f"Lot d'impression du {created} ({count} cartes)"

    @title.setter
    def title(self, value):
        """Derived."""

    def Title(self):
        return self.title
