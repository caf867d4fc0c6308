"""TrainingCourse (catalogue) and TrainingSession (a course given on dates,
with its participants).

Both live in an Agency: the agency is the security boundary (its groups'
local roles give its HR staff the catalogue and the sessions; another
agency's staff never sees them). The participants of a session are stored on
it ({file UID: {"result", "score", "nominated_by"}}) and changed only
through ``sirhp.content.training.api`` (seats, results and four eyes are
checked there); ``sirhp_training_workflow`` (sirhp.policy) decides who does
what per state.
"""

from persistent.mapping import PersistentMapping
from plone.dexterity.content import Item
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.content.base import SirhpContent
from sirhp.content.interfaces import ITrainingCourse
from sirhp.content.interfaces import ITrainingSession
from zope import schema
from zope.interface import implementer


class ITrainingCourseSchema(model.Schema):
    title = schema.TextLine(title=_("label_training_title", default="Intitulé"))
    code = schema.ASCIILine(
        title=_("label_training_code", default="Code"),
        description=_(
            "help_training_code",
            default="Court et unique dans l'agence (ex. OPJ) ; les prérequis "
            "et les règles d'avancement le citent.",
        ),
        max_length=40,
    )
    domain = schema.Choice(
        title=_("label_training_domain", default="Domaine"),
        vocabulary="sirhp.content.training_domains",
    )
    hours = schema.Int(title=_("label_training_hours", default="Heures"), min=1)
    certificate = schema.Bool(
        title=_("label_training_certificate", default="Donne une attestation"),
        required=False,
        default=False,
    )
    certificate_years = schema.Int(
        title=_(
            "label_training_certificate_years",
            default="Validité de l'attestation (années, vide : sans limite)",
        ),
        required=False,
        min=1,
    )
    prerequisites = schema.List(
        title=_("label_training_prerequisites", default="Prérequis (codes)"),
        value_type=schema.ASCIILine(),
        required=False,
        default=[],
    )


@implementer(ITrainingCourse, ITrainingCourseSchema)
class TrainingCourse(SirhpContent, Item):
    code = ""
    domain = None
    hours = None
    certificate = False
    certificate_years = None
    prerequisites = ()


class ITrainingSessionSchema(model.Schema):
    course_code = schema.ASCIILine(
        title=_("label_training_course_code", default="Code de la formation"),
        max_length=40,
    )
    start = schema.Date(title=_("label_training_start", default="Début"))
    end = schema.Date(title=_("label_training_end", default="Fin"))
    place = schema.TextLine(
        title=_("label_training_place", default="Lieu"), required=False
    )
    trainers = schema.Text(
        title=_("label_training_trainers", default="Formateur(s)"), required=False
    )
    capacity = schema.Int(title=_("label_training_capacity", default="Places"), min=1)


@implementer(ITrainingSession, ITrainingSessionSchema)
class TrainingSession(SirhpContent, Item):
    course_code = ""
    start = None
    end = None
    place = ""
    trainers = ""
    capacity = None
    # set on closing: {file UID: certificate expiry (date) or None}
    certificates = None

    # who entered results or fired "record" (four eyes on closing)
    recorders = ()
    # {file UID: {"result", "score", "nominated_by"}}: written by the API only
    participants = None

    def _writable_participants(self):
        """The participants' mapping, created on the first nomination."""
        if self.participants is None:
            self.participants = PersistentMapping()
        return self.participants
