"""EvaluationCampaign (in an Agency) and Evaluation (in a personnel file).

An Evaluation lives in the officer's FILE, not in the campaign: the file's
local roles (``Officer`` for the officer, ``UnitCommander`` for the unit's
commanders) then give the officer and the unit's evaluators access exactly
as for the file's other records, and nobody else's evaluation is reachable
(``allowedRolesAndUsers`` follows View). ``sirhp_evaluation_workflow``
(sirhp.policy) decides per state; the marks carry their own read permission
and are never catalog metadata. Nobody writes an evaluation through a form
or PATCH (``Modify portal content``: administrators only): marks go through
``sirhp.content.evaluation.api``, which computes the mark.
"""

from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.content.base import DerivedTitle
from sirhp.content.content.base import SirhpContent
from sirhp.content.interfaces import IEvaluation
from sirhp.content.interfaces import IEvaluationCampaign
from zope import schema
from zope.interface import implementer

GRID_KINDS = ("criteria", "objectives")
MARKS = "sirhp.content.ReadEvaluationMarks"
NOBODY = "cmf.ManagePortal"


class IEvaluationCampaignSchema(model.Schema):
    year = schema.Int(title=_("label_campaign_year", default="Année"), min=2000)
    grid_kind = schema.Choice(
        title=_("label_campaign_grid_kind", default="Type de grille"),
        values=GRID_KINDS,
        default="criteria",
    )
    grid = schema.Dict(
        title=_("label_campaign_grid", default="Critères et pondérations"),
        key_type=schema.TextLine(),
        value_type=schema.Int(),
        required=False,
    )
    evaluation_deadline = schema.Date(
        title=_("label_campaign_deadline", default="Date limite d'évaluation"),
    )
    acknowledge_days = schema.Int(
        title=_(
            "label_campaign_acknowledge_days",
            default="Délai de prise de connaissance (jours)",
        ),
        default=15,
        min=1,
    )
    population_corps = schema.List(
        title=_(
            "label_campaign_corps",
            default="Corps concernés (vide : tout le personnel en activité)",
        ),
        value_type=schema.TextLine(),
        required=False,
    )


@implementer(IEvaluationCampaign, IEvaluationCampaignSchema)
class EvaluationCampaign(SirhpContent, DerivedTitle, Item):
    # No versions (no plone.versioning): the history permission is not
    # acquired from the site, where Plone gives it to Owner (the creator).
    # A tuple of roles: not acquired (Zope's per-class permission setting).
    _CMFEditions__Access_previous_versions_Permission = ("Manager",)

    year = None
    grid_kind = "criteria"
    grid = None
    evaluation_deadline = None
    acknowledge_days = 15
    population_corps = None

    def derived_title(self):
        return f"Campagne d'évaluation {self.year or ''}".strip()


class IEvaluationSchema(model.Schema):
    campaign = schema.TextLine(title=_("label_evaluation_campaign", default="Campagne"))
    year = schema.Int(title=_("label_evaluation_year", default="Année"))
    directives.read_permission(
        marks=MARKS,
        objectives=MARKS,
        mark=MARKS,
        assessment=MARKS,
        officer_remarks=MARKS,
        contest_reasons=MARKS,
        revision=MARKS,
    )
    directives.write_permission(
        marks=NOBODY,
        objectives=NOBODY,
        mark=NOBODY,
        assessment=NOBODY,
        officer_remarks=NOBODY,
        contest_reasons=NOBODY,
        revision=NOBODY,
        evaluator=NOBODY,
        notified_on=NOBODY,
    )
    marks = schema.Dict(
        title=_("label_evaluation_marks", default="Notes par critère (sur 20)"),
        key_type=schema.TextLine(),
        value_type=schema.TextLine(),
        required=False,
    )
    objectives = schema.List(
        title=_("label_evaluation_objectives", default="Objectifs"),
        value_type=schema.Dict(key_type=schema.TextLine()),
        required=False,
    )
    mark = schema.TextLine(
        title=_("label_evaluation_mark", default="Note (sur 20, calculée)"),
        required=False,
    )
    assessment = schema.Text(
        title=_("label_evaluation_assessment", default="Appréciation générale"),
        required=False,
    )
    officer_remarks = schema.Text(
        title=_("label_evaluation_remarks", default="Observations de l'agent"),
        required=False,
    )
    contest_reasons = schema.Text(
        title=_("label_evaluation_contest", default="Motifs de la contestation"),
        required=False,
    )
    revision = schema.Dict(
        title=_("label_evaluation_revision", default="Révision"),
        key_type=schema.TextLine(),
        required=False,
    )
    evaluator = schema.TextLine(
        title=_("label_evaluation_evaluator", default="Évaluateur"),
        required=False,
    )
    notified_on = schema.Date(
        title=_("label_evaluation_notified_on", default="Notifiée le"),
        required=False,
    )


@implementer(IEvaluation, IEvaluationSchema)
class Evaluation(SirhpContent, DerivedTitle, Item):
    campaign = None
    year = None
    marks = None
    objectives = None
    mark = None
    assessment = ""
    officer_remarks = ""
    contest_reasons = ""
    revision = None
    evaluator = None
    notified_on = None

    def derived_title(self):
        return f"Évaluation {self.year or ''}".strip()
