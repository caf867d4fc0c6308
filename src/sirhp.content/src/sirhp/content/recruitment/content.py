"""RecruitmentCampaign (a concours of an agency) and Candidate (inside a
campaign only).

The campaign is the security boundary: ``sirhp_recruitment_workflow``
(sirhp.policy) sets its permissions per state; a candidate's View is given
only to who manages recruitment (``sirhp_candidate_workflow``: auditors
read the campaign and its statistics, never a candidate's identity), every
other permission is acquired from the campaign. Marks, elimination and the
NINA's uniqueness are written and checked by ``recruitment.api`` only
(write permission: nobody), so they never come from a form.
"""

from plone.autoform import directives
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.content.base import DerivedTitle
from sirhp.content.content.base import SirhpContent
from sirhp.content.documents.field import ScannedFileField
from sirhp.content.interfaces import ICandidate
from sirhp.content.interfaces import IRecruitmentCampaign
from sirhp.content.recruitment import rules
from zope import schema
from zope.interface import implementer

NOBODY = "cmf.ManagePortal"


class IRecruitmentCampaignSchema(model.Schema):
    title = schema.TextLine(title=_("label_recruitment_title", default="Intitulé"))
    corps = schema.Choice(
        title=_("label_recruitment_corps", default="Corps de recrutement"),
        vocabulary="sirhp.content.corps",
    )
    grade = schema.Choice(
        title=_("label_recruitment_grade", default="Grade d'entrée"),
        vocabulary="sirhp.content.grades",
    )
    posts = schema.Int(
        title=_("label_recruitment_posts", default="Nombre de postes"), min=1
    )
    quotas = schema.List(
        title=_("label_recruitment_quotas", default="Quotas par région d'origine"),
        description=_(
            "help_recruitment_quotas",
            default="Une ligne par région : code|postes (ex. segou|5).",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    sex_quotas = schema.List(
        title=_(
            "label_recruitment_sex_quotas", default="Objectifs par sexe (facultatif)"
        ),
        description=_(
            "help_recruitment_sex_quotas_target",
            default="Une ligne par sexe : F|10 ou M|20. Objectif suivi dans les "
            "statistiques (admis par sexe face à l'objectif) ; le classement "
            "applique les quotas par région.",
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    shortfall_rule = schema.Choice(
        title=_(
            "label_recruitment_shortfall",
            default="Postes d'une région sans assez de candidats admissibles",
        ),
        values=rules.SHORTFALL_RULES,
        default="national",
    )
    start = schema.Date(title=_("label_recruitment_start", default="Ouverture"))
    end = schema.Date(title=_("label_recruitment_end", default="Clôture"))
    stages = schema.List(
        title=_("label_recruitment_stages", default="Épreuves"),
        description=_(
            "help_recruitment_stages",
            default="Dans l'ordre, une ligne par épreuve : code|Libellé|note "
            "maximale|note éliminatoire (0 : aucune).",
        ),
        value_type=schema.TextLine(),
        default=list(rules.DEFAULT_STAGES),
    )


@implementer(IRecruitmentCampaign, IRecruitmentCampaignSchema)
class RecruitmentCampaign(SirhpContent, Container):
    _CMFEditions__Access_previous_versions_Permission = ("Manager",)

    corps = None
    grade = None
    posts = None
    quotas = ()
    sex_quotas = ()
    shortfall_rule = "national"
    start = None
    end = None
    stages = rules.DEFAULT_STAGES
    # who proposed the results (four eyes: never publishes them)
    proposers = ()


class ICandidateSchema(model.Schema):
    last_name = schema.TextLine(
        title=_("label_last_name", default="Nom"), max_length=80
    )
    first_names = schema.TextLine(
        title=_("label_first_names", default="Prénoms"), max_length=120
    )
    nina = schema.TextLine(
        title=_("label_nina", default="NINA"),
        description=_(
            "help_candidate_nina",
            default="Numéro d'identification nationale (15 caractères), "
            "unique dans la campagne.",
        ),
        max_length=15,
    )
    sex = schema.Choice(
        title=_("label_sex", default="Sexe"), vocabulary="sirhp.content.sex"
    )
    birth_date = schema.Date(title=_("label_birth_date", default="Date de naissance"))
    region_of_origin = schema.Choice(
        title=_("label_region_of_origin", default="Région d'origine"),
        vocabulary="sirhp.content.regions",
    )
    diploma = ScannedFileField(
        title=_("label_candidate_diploma", default="Diplôme (scan)"), required=False
    )
    directives.write_permission(
        scores=NOBODY, eliminated_at=NOBODY, elimination_reason=NOBODY
    )
    directives.omitted("scores", "eliminated_at", "elimination_reason")
    scores = schema.Dict(
        title=_("label_candidate_scores", default="Notes"),
        key_type=schema.TextLine(),
        value_type=schema.Float(),
        required=False,
    )
    eliminated_at = schema.TextLine(
        title=_("label_candidate_eliminated_at", default="Éliminé à l'épreuve"),
        required=False,
    )
    elimination_reason = schema.Text(
        title=_("label_candidate_elimination_reason", default="Motif d'élimination"),
        required=False,
    )


@implementer(ICandidate, ICandidateSchema)
class Candidate(SirhpContent, DerivedTitle, Item):
    _CMFEditions__Access_previous_versions_Permission = ("Manager",)

    last_name = ""
    first_names = ""
    nina = ""
    sex = None
    birth_date = None
    region_of_origin = None
    diploma = None
    scores = None
    eliminated_at = None
    elimination_reason = None

    def derived_title(self):
        return f"{(self.last_name or '').upper()} {self.first_names or ''}".strip()
