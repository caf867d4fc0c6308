"""PersonnelFile (dossier individuel): one per agent, its id is the matricule."""

from plone.app.z3cform.widgets.select import SelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.content.base import SirhpContent
from sirhp.content.content.matricule import matricule_errors
from sirhp.content.domain import personnel as rules
from sirhp.content.interfaces import IPersonnelFile
from sirhp.content.vocabularies.hr import statute_terms
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema import ValidationError


class InvalidMatricule(ValidationError):
    __doc__ = _(
        "error_matricule_format",
        default="Matricule invalide : 6 chiffres suivis d'une lettre majuscule "
        "(ex. 104582M).",
    )


class InvalidNina(ValidationError):
    __doc__ = _(
        "error_nina_format",
        default="NINA invalide : 15 caractères, chiffres et lettres majuscules.",
    )


class InvalidPhone(ValidationError):
    __doc__ = _(
        "error_phone_format",
        default="Numéro de téléphone invalide : chiffres, espaces et + seulement.",
    )


class InvalidEmail(ValidationError):
    __doc__ = _("error_email_format", default="Adresse de courriel invalide.")


def _check(rule, error):
    def constraint(value):
        if value and not rule(value):
            raise error(value)
        return True

    return constraint


class IPersonnelFileSchema(model.Schema):
    """Schema of a personnel file, grouped as on the paper file."""

    # --- Identité (default fieldset) ---
    matricule = schema.TextLine(
        title=_("label_matricule", default="Matricule"),
        description=_(
            "help_matricule",
            default="6 chiffres suivis d'une lettre majuscule, ex. 104582M. "
            "Il identifie le dossier et ne change plus.",
        ),
        required=True,
        max_length=7,
        constraint=_check(rules.is_valid_matricule, InvalidMatricule),
    )
    nina = schema.TextLine(
        title=_("label_nina", default="NINA"),
        description=_(
            "help_nina",
            default="Numéro d'identification nationale (15 caractères), facultatif.",
        ),
        required=False,
        max_length=15,
        constraint=_check(rules.is_valid_nina, InvalidNina),
    )
    last_name = schema.TextLine(
        title=_("label_last_name", default="Nom"), required=True, max_length=80
    )
    first_names = schema.TextLine(
        title=_("label_first_names", default="Prénoms"), required=True, max_length=120
    )
    sex = schema.Choice(
        title=_("label_sex", default="Sexe"),
        vocabulary="sirhp.content.sex",
        required=True,
    )
    birth_date = schema.Date(
        title=_("label_birth_date", default="Date de naissance"), required=True
    )
    birth_place = schema.TextLine(
        title=_("label_birth_place", default="Lieu de naissance"),
        required=False,
        max_length=120,
    )
    marital_status = schema.Choice(
        title=_("label_marital_status", default="Situation matrimoniale"),
        vocabulary="sirhp.content.marital_status",
        required=False,
    )
    children_count = schema.Int(
        title=_("label_children_count", default="Nombre d'enfants"),
        required=False,
        min=0,
        max=40,
        default=0,
    )
    # The photo is set through the photo page or @photo (checked, cropped,
    # metadata stripped: sirhp.content.badges.api), never by the forms.
    directives.omitted("photo", "photo_original", "photo_crop")
    photo = NamedBlobImage(
        title=_("label_photo", default="Photo d'identité"),
        required=False,
        readonly=True,
    )
    photo_original = NamedBlobImage(
        title=_("label_photo_original", default="Photo d'origine (avant recadrage)"),
        required=False,
        readonly=True,
    )
    photo_crop = schema.TextLine(
        title=_("label_photo_crop", default="Cadrage (x, y, largeur, hauteur)"),
        required=False,
        readonly=True,
    )

    model.fieldset(
        "contact",
        label=_("fieldset_contact", default="Coordonnées"),
        fields=["phone", "email", "address", "emergency_contact"],
    )
    phone = schema.TextLine(
        title=_("label_phone", default="Téléphone"),
        required=False,
        max_length=20,
        constraint=_check(rules.is_valid_phone, InvalidPhone),
    )
    email = schema.TextLine(
        title=_("label_email", default="Courriel"),
        required=False,
        max_length=120,
        constraint=_check(rules.is_valid_email, InvalidEmail),
    )
    address = schema.Text(
        title=_("label_address", default="Adresse"), required=False, max_length=500
    )
    emergency_contact = schema.TextLine(
        title=_("label_emergency_contact", default="Personne à prévenir"),
        required=False,
        max_length=200,
    )

    model.fieldset(
        "career",
        label=_("fieldset_career", default="Carrière"),
        fields=[
            "corps",
            "grade",
            "grade_date",
            "echelon",
            "echelon_date",
            "indice",
            "hire_date",
            "status",
            "region_of_origin",
        ],
    )
    corps = schema.Choice(
        title=_("label_corps", default="Corps"),
        vocabulary="sirhp.content.corps",
        required=True,
    )
    grade = schema.Choice(
        title=_("label_grade", default="Grade"),
        vocabulary="sirhp.content.grades",
        required=True,
    )
    grade_date = schema.Date(
        title=_("label_grade_date", default="Date de prise de grade"), required=False
    )
    echelon = schema.Int(
        title=_("label_echelon", default="Échelon"), required=False, min=1
    )
    echelon_date = schema.Date(
        title=_("label_echelon_date", default="Date d'entrée dans l'échelon"),
        required=False,
    )
    indice = schema.Int(
        title=_("label_indice", default="Indice"), required=False, min=0
    )
    hire_date = schema.Date(
        title=_("label_hire_date", default="Date d'entrée en service"), required=True
    )
    status = schema.Choice(
        title=_("label_status", default="Position administrative"),
        vocabulary="sirhp.content.personnel_status",
        required=True,
        default="active",
    )
    region_of_origin = schema.Choice(
        title=_("label_region_of_origin", default="Région d'origine"),
        vocabulary="sirhp.content.regions",
        required=False,
    )

    model.fieldset(
        "assignment",
        label=_("fieldset_assignment", default="Affectation"),
        fields=["unit", "position"],
    )
    directives.widget("unit", SelectFieldWidget)
    unit = RelationChoice(
        title=_("label_unit", default="Unité d'affectation"),
        vocabulary="sirhp.content.units",
        required=False,
    )
    position = schema.TextLine(
        title=_("label_position", default="Fonction / poste"),
        required=False,
        max_length=120,
    )

    # Multi-valued choices as checkboxes: short lists (skills about 20, at
    # most 30 chosen; 16 languages; 5 licences), no Ctrl+click, no script.
    model.fieldset(
        "skills",
        label=_("fieldset_skills", default="Compétences"),
        fields=["skills", "skill_levels", "languages", "driving_licences"],
    )
    directives.widget("skills", CheckBoxFieldWidget)
    skills = schema.List(
        title=_("label_skills", default="Compétences"),
        value_type=schema.Choice(vocabulary="sirhp.content.skills"),
        required=False,
        default=[],
        max_length=30,
    )
    # Optional, added later: a skill without a level counts as level 1, so
    # files written before keep their meaning (deployment.rules).
    skill_levels = schema.Dict(
        title=_("label_skill_levels", default="Niveau par compétence"),
        description=_(
            "help_skill_levels",
            default="1 : notions, 2 : confirmé, 3 : expert (1 si non précisé).",
        ),
        key_type=schema.Choice(vocabulary="sirhp.content.skills"),
        value_type=schema.Choice(values=(1, 2, 3)),
        required=False,
    )
    directives.widget("languages", CheckBoxFieldWidget)
    languages = schema.List(
        title=_("label_languages", default="Langues parlées"),
        value_type=schema.Choice(vocabulary="sirhp.content.languages"),
        required=False,
        default=[],
        max_length=20,
    )
    directives.widget("driving_licences", CheckBoxFieldWidget)
    driving_licences = schema.List(
        title=_("label_driving_licences", default="Permis de conduire"),
        value_type=schema.Choice(vocabulary="sirhp.content.driving_licences"),
        required=False,
        default=[],
    )

    # Sensitive: HR managers, auditors and the officer only (see rolemap).
    model.fieldset(
        "sensitive",
        label=_("fieldset_sensitive", default="Données médicales (confidentiel)"),
        fields=["blood_group", "medical_notes"],
    )
    directives.read_permission(
        blood_group="sirhp.content.ReadSensitive",
        medical_notes="sirhp.content.ReadSensitive",
    )
    directives.write_permission(
        blood_group="sirhp.content.WriteSensitive",
        medical_notes="sirhp.content.WriteSensitive",
    )
    blood_group = schema.Choice(
        title=_("label_blood_group", default="Groupe sanguin"),
        vocabulary="sirhp.content.blood_groups",
        required=False,
    )
    medical_notes = schema.Text(
        title=_("label_medical_notes", default="Observations médicales"),
        required=False,
        max_length=5000,
    )

    @invariant
    def dates_are_coherent(data):
        errors = rules.date_errors(
            birth_date=_value(data, "birth_date"),
            hire_date=_value(data, "hire_date"),
            grade_date=_value(data, "grade_date"),
        )
        if errors:
            raise Invalid(" ".join(errors))

    @invariant
    def grade_belongs_to_corps(data):
        mismatch = rules.grade_corps_mismatch(
            corps=_value(data, "corps"),
            grade=_value(data, "grade"),
            grades=statute_terms("grades"),
            corps_terms=statute_terms("corps"),
        )
        if mismatch:
            raise Invalid(grade_corps_message(mismatch))

    @invariant
    def matricule_is_free(data):
        errors = matricule_errors(
            _value(data, "matricule"), getattr(data, "__context__", None)
        )
        if errors:
            raise Invalid(" ".join(errors))


def grade_corps_message(mismatch):
    """The refusal in the user's language; a plain string, as every channel
    (forms, REST, change requests) shows it as it is."""
    return translate(
        _(
            "error_grade_outside_corps",
            default="Le grade « ${grade} » n'appartient pas au corps « ${corps} » : "
            "il relève du corps « ${expected} ».",
            mapping=mismatch,
        ),
        context=getRequest(),
    )


def _value(data, name):
    """A value of the submitted data, or of the stored object when not given."""
    try:
        return getattr(data, name, None)
    except Exception:  # the add form's context is the container
        return None


@implementer(IPersonnelFile, IPersonnelFileSchema)
class PersonnelFile(SirhpContent, Container):
    """The personnel file of one agent."""

    # Unordered, as agencies are: two clerks adding records to one file at
    # once no longer conflict on its list of ids; records are listed through
    # the catalog by date.
    _ordering = "unordered"

    @property
    def title(self):
        name = rules.full_name(
            getattr(self, "last_name", ""), getattr(self, "first_names", "")
        )
        matricule = getattr(self, "matricule", None)
        return f"{name} ({matricule})" if matricule else name

    @title.setter
    def title(self, value):
        """The title is derived from the names; a given one is ignored."""

    def Title(self):
        return self.title

    @property
    def full_name(self):
        return rules.full_name(self.last_name, self.first_names)
