"""PromotionTable (tableau d'avancement), in an Agency: the officers
eligible for a target grade in a year, ranked, with the commission's
decisions.

HR sets the target grade, the year, the number of posts and the ranking
formula; everything else is written by ``sirhp.content.promotion.api``
(write permission: nobody), so the ranking and the decisions never come
from a form. ``sirhp_promotion_workflow`` (sirhp.policy) decides who sees
and acts per state.

Storage contract (the fairness report reads it): ``candidates`` is a list
of plain dicts in rank order, each ``{"uid", "path", "matricule", "title",
"rank", "score", "average", "sex", "region", "corps", "grade_since",
"decision" (None|"promoted"|"deferred"|"refused"), "reason"}``; ``year``
int; ``target_grade`` str; ``decided_on`` and ``effective`` date or None.
"""

from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.content.base import DerivedTitle
from sirhp.content.content.base import SirhpContent
from sirhp.content.interfaces import IPromotionTable
from zope import schema
from zope.interface import implementer

NOBODY = "cmf.ManagePortal"
FORMULA_KEYS = ("mark_weight", "seniority_weight")


class IPromotionTableSchema(model.Schema):
    target_grade = schema.Choice(
        title=_("label_promotion_target_grade", default="Grade visé"),
        vocabulary="sirhp.content.grades",
    )
    year = schema.Int(title=_("label_promotion_year", default="Année"), min=2000)
    posts = schema.Int(
        title=_("label_promotion_posts", default="Nombre de postes"), min=1, default=1
    )
    formula = schema.Dict(
        title=_(
            "label_promotion_formula",
            default="Formule de classement (poids de la moyenne et de "
            "l'ancienneté dans le grade)",
        ),
        key_type=schema.Choice(values=FORMULA_KEYS),
        value_type=schema.Float(min=0.0),
        required=False,
    )
    directives.write_permission(
        built_on=NOBODY,
        candidates=NOBODY,
        decided_on=NOBODY,
        effective=NOBODY,
        published_acts=NOBODY,
    )
    directives.omitted(
        "built_on", "candidates", "decided_on", "effective", "published_acts"
    )
    built_on = schema.Date(
        title=_("label_promotion_built_on", default="Établi le"), required=False
    )
    candidates = schema.List(
        title=_("label_promotion_candidates", default="Candidats classés"),
        value_type=schema.Dict(key_type=schema.TextLine()),
        required=False,
    )
    decided_on = schema.Date(
        title=_("label_promotion_decided_on", default="Décidé le"), required=False
    )
    effective = schema.Date(
        title=_("label_promotion_effective", default="Date d'effet"), required=False
    )
    published_acts = schema.List(
        title=_("label_promotion_published_acts", default="Actes publiés"),
        value_type=schema.TextLine(),
        required=False,
    )


@implementer(IPromotionTable, IPromotionTableSchema)
class PromotionTable(SirhpContent, DerivedTitle, Item):
    # No versions (no plone.versioning): the history permission is not
    # acquired from the site, where Plone gives it to Owner (the creator).
    _CMFEditions__Access_previous_versions_Permission = ("Manager",)

    target_grade = None
    year = None
    posts = 1
    formula = None
    built_on = None
    candidates = ()
    decided_on = None
    effective = None
    published_acts = ()
    # who built the ranking (four eyes: none of them decides)
    builders = ()

    def derived_title(self):
        return f"Tableau d'avancement {self.year or ''} — {self.target_grade or ''}"
