"""Fixed vocabularies: the codes are stored, the French labels are shown."""

from sirhp.content import _
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(items):
    return SimpleVocabulary(
        [SimpleTerm(value=code, token=code, title=title) for code, title in items]
    )


def _factory(items):
    vocabulary = _vocabulary(items)

    @provider(IVocabularyFactory)
    def factory(context=None):
        return vocabulary

    return factory


SEXES = (
    ("M", _("sex_m", default="Masculin")),
    ("F", _("sex_f", default="Féminin")),
)

MARITAL_STATUSES = (
    ("single", _("marital_single", default="Célibataire")),
    ("married", _("marital_married", default="Marié(e)")),
    ("divorced", _("marital_divorced", default="Divorcé(e)")),
    ("widowed", _("marital_widowed", default="Veuf / veuve")),
)

# Administrative position (position administrative) of the agent.
PERSONNEL_STATUSES = (
    ("active", _("status_active", default="En activité")),
    ("suspended", _("status_suspended", default="Suspendu")),
    ("detached", _("status_detached", default="Détaché")),
    ("available", _("status_available", default="En disponibilité")),
    ("retired", _("status_retired", default="Retraité")),
    ("deceased", _("status_deceased", default="Décédé")),
    ("dismissed", _("status_dismissed", default="Révoqué")),
    ("resigned", _("status_resigned", default="Démissionnaire")),
)
# Statuses of people who have left the force for good.
DEPARTED_STATUSES = frozenset({"retired", "deceased", "dismissed", "resigned"})

# Regions of Mali (2023 administrative reform) and the District of Bamako.
REGIONS = (
    ("bamako", "District de Bamako"),
    ("kayes", "Kayes"),
    ("koulikoro", "Koulikoro"),
    ("sikasso", "Sikasso"),
    ("segou", "Ségou"),
    ("mopti", "Mopti"),
    ("tombouctou", "Tombouctou"),
    ("gao", "Gao"),
    ("kidal", "Kidal"),
    ("taoudenit", "Taoudénit"),
    ("menaka", "Ménaka"),
    ("nioro", "Nioro du Sahel"),
    ("kita", "Kita"),
    ("dioila", "Dioïla"),
    ("nara", "Nara"),
    ("bougouni", "Bougouni"),
    ("koutiala", "Koutiala"),
    ("san", "San"),
    ("douentza", "Douentza"),
    ("bandiagara", "Bandiagara"),
)

LANGUAGES = (
    ("bm", _("lang_bm", default="Bambara")),
    ("ff", _("lang_ff", default="Fulfulde (peul)")),
    ("ses", _("lang_ses", default="Songhay")),
    ("snk", _("lang_snk", default="Soninké")),
    ("tmh", _("lang_tmh", default="Tamasheq")),
    ("dgo", _("lang_dgo", default="Dogon")),
    ("bze", _("lang_bze", default="Bozo")),
    ("sef", _("lang_sef", default="Sénoufo")),
    ("myk", _("lang_myk", default="Minianka")),
    ("bbo", _("lang_bbo", default="Bobo")),
    ("kao", _("lang_kao", default="Khassonké")),
    ("mlq", _("lang_mlq", default="Malinké")),
    ("mey", _("lang_mey", default="Hassaniya (maure)")),
    ("ar", _("lang_ar", default="Arabe")),
    ("fr", _("lang_fr", default="Français")),
    ("en", _("lang_en", default="Anglais")),
)

DRIVING_LICENCES = (
    ("A", _("licence_a", default="A (moto)")),
    ("B", _("licence_b", default="B (véhicule léger)")),
    ("C", _("licence_c", default="C (poids lourd)")),
    ("D", _("licence_d", default="D (transport en commun)")),
    ("E", _("licence_e", default="E (remorque)")),
)

BLOOD_GROUPS = tuple(
    (group, group) for group in ("A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-")
)

EVENT_TYPES = (
    ("recruitment", _("event_recruitment", default="Recrutement")),
    ("appointment", _("event_appointment", default="Nomination")),
    ("tenure", _("event_tenure", default="Titularisation")),
    ("promotion", _("event_promotion", default="Avancement de grade")),
    ("reclassement", _("event_reclassement", default="Reclassement")),
    ("assignment", _("event_assignment", default="Affectation")),
    ("transfer", _("event_transfer", default="Mutation")),
    ("detachment", _("event_detachment", default="Détachement")),
    ("availability", _("event_availability", default="Mise en disponibilité")),
    ("reinstatement", _("event_reinstatement", default="Réintégration")),
    ("suspension", _("event_suspension", default="Suspension")),
    ("sanction", _("event_sanction", default="Sanction disciplinaire")),
    ("decoration", _("event_decoration", default="Décoration")),
    ("training", _("event_training", default="Formation")),
    ("leave", _("event_leave", default="Congé")),
    ("retirement", _("event_retirement", default="Admission à la retraite")),
    ("resignation", _("event_resignation", default="Démission")),
    ("dismissal", _("event_dismissal", default="Révocation")),
    ("death", _("event_death", default="Décès")),
)

UNIT_KINDS = (
    ("direction", _("unit_direction", default="Direction")),
    ("regional", _("unit_regional", default="Direction régionale")),
    ("commissariat", _("unit_commissariat", default="Commissariat")),
    ("brigade", _("unit_brigade", default="Brigade")),
    ("groupement", _("unit_groupement", default="Groupement mobile")),
    ("school", _("unit_school", default="École")),
    ("service", _("unit_service", default="Service")),
)


SexVocabulary = _factory(SEXES)
MaritalStatusVocabulary = _factory(MARITAL_STATUSES)
PersonnelStatusVocabulary = _factory(PERSONNEL_STATUSES)
RegionVocabulary = _factory(REGIONS)
LanguageVocabulary = _factory(LANGUAGES)
DrivingLicenceVocabulary = _factory(DRIVING_LICENCES)
BloodGroupVocabulary = _factory(BLOOD_GROUPS)
EventTypeVocabulary = _factory(EVENT_TYPES)
UnitKindVocabulary = _factory(UNIT_KINDS)
