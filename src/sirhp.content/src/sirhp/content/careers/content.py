"""CareerEvent (acte de carrière): one dated step of an agent's career."""

from plone.app.z3cform.widgets.select import SelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.careers import api
from sirhp.content.careers import rules
from sirhp.content.content.base import SirhpContent
from sirhp.content.content.records import term_title
from sirhp.content.interfaces import ICareerEvent
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

MSG_END_BEFORE_START = _(
    "error_career_end_before_start",
    default="La date de fin ne peut pas précéder la date d'effet.",
)


# Exceptional promotions (statute art. 19), reported apart from the
# tableaux d'avancement (``promotion.api.propose_exceptional``)
PROMOTION_GROUNDS = SimpleVocabulary(
    [
        SimpleTerm(
            "bravery", title=_("promotion_ground_bravery", default="Acte de bravoure")
        ),
        SimpleTerm(
            "injury", title=_("promotion_ground_injury", default="Blessure en service")
        ),
    ]
)


class ICareerEventSchema(model.Schema):
    event_type = schema.Choice(
        title=_("label_event_type", default="Nature de l'acte"),
        vocabulary="sirhp.content.event_types",
        required=True,
    )
    # Not "effective_date": that name is Plone's Dublin Core publication date
    # (Dexterity's constructor turns it into a DateTime; the catalog's
    # "effective" index would take the career date).
    event_date = schema.Date(
        title=_("label_effective_date", default="Date d'effet"), required=True
    )
    reference = schema.TextLine(
        title=_("label_reference", default="Référence (n° de décision)"),
        required=False,
        max_length=120,
    )
    details = schema.Text(
        title=_("label_details", default="Détails"), required=False, max_length=5000
    )
    # Suspension, detachment, availability... last for a period: the
    # situation goes back to what it was the day after.
    end_date = schema.Date(
        title=_("label_event_end_date", default="Date de fin (acte à durée limitée)"),
        required=False,
    )

    # Discipline and awards. The sanction and the decision's scan are
    # disciplinary data: read by those who may read the act's restricted
    # fields only (the act itself is restricted: sirhp.policy.careers).
    directives.read_permission(
        sanction="sirhp.content.ReadDisciplinary",
        scan="sirhp.content.ReadDisciplinary",
    )
    sanction = schema.Choice(
        title=_("label_sanction", default="Sanction"),
        description=_(
            "help_sanction",
            default="Obligatoire pour une sanction disciplinaire.",
        ),
        vocabulary="sirhp.content.sanctions",
        required=False,
    )
    decoration = schema.TextLine(
        title=_("label_decoration", default="Décoration ou distinction"),
        description=_("help_decoration", default="Obligatoire pour une décoration."),
        required=False,
        max_length=200,
    )
    scan = NamedBlobFile(
        title=_("label_decision_scan", default="Décision numérisée"),
        required=False,
    )
    promotion_ground = schema.Choice(
        title=_("label_promotion_ground", default="Promotion exceptionnelle (motif)"),
        description=_(
            "help_promotion_ground",
            default="Seulement pour une promotion exceptionnelle (statut, "
            "art. 19) ; vide pour une promotion au choix.",
        ),
        vocabulary=PROMOTION_GROUNDS,
        required=False,
    )

    model.fieldset(
        "result",
        label=_("fieldset_result", default="Situation résultante"),
        fields=[
            "resulting_grade",
            "resulting_echelon",
            "resulting_unit",
            "resulting_position",
            "resulting_status",
        ],
    )
    resulting_grade = schema.Choice(
        title=_("label_resulting_grade", default="Nouveau grade"),
        vocabulary="sirhp.content.grades",
        required=False,
    )
    resulting_echelon = schema.Int(
        title=_("label_resulting_echelon", default="Nouvel échelon"),
        required=False,
        min=1,
    )
    directives.widget("resulting_unit", SelectFieldWidget)
    resulting_unit = RelationChoice(
        title=_("label_resulting_unit", default="Nouvelle unité"),
        vocabulary="sirhp.content.units",
        required=False,
    )
    resulting_position = schema.TextLine(
        title=_("label_resulting_position", default="Nouvelle fonction"),
        required=False,
        max_length=120,
    )
    resulting_status = schema.Choice(
        title=_("label_resulting_status", default="Nouvelle position administrative"),
        vocabulary="sirhp.content.personnel_status",
        required=False,
    )

    @invariant
    def period_is_valid(data):
        try:
            start = getattr(data, "event_date", None)
            end = getattr(data, "end_date", None)
        except Exception:  # the add form's context is the container
            return
        if not rules.period_is_valid(start, end):
            # a plain string, as every channel (forms, REST) shows it as it is
            raise Invalid(translate(MSG_END_BEFORE_START, context=getRequest()))

    @invariant
    def act_is_complete(data):
        try:
            values = {
                name: getattr(data, name, None)
                for name in (
                    "event_type",
                    "sanction",
                    "decoration",
                    "event_date",
                    "end_date",
                    "resulting_grade",
                )
            }
        except Exception:  # the add form's context is the container
            return
        try:
            api.check_act(values=values, context=getattr(data, "__context__", None))
        except api.CareerError as error:
            raise Invalid(error.text(getRequest())) from None


@implementer(ICareerEvent, ICareerEventSchema)
class CareerEvent(SirhpContent, Item):
    """A career event; its title is its nature and date."""

    # The collective decision the act belongs to (its batch), set by
    # ``careers.collective`` only: an attribute, not a field, so no form or
    # deserializer writes it.
    collective_decision = None

    @property
    def title(self):
        label = translate(
            term_title("sirhp.content.event_types", self.event_type, self),
            target_language="fr",
        )
        day = self.event_date.strftime("%d/%m/%Y") if self.event_date else ""
        return f"{label} du {day}" if day else label

    @title.setter
    def title(self, value):
        """Derived; a given title is ignored."""

    def Title(self):
        return self.title
