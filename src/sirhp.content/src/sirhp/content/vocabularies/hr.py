"""Vocabularies HR managers edit in the control panel (registry-backed)."""

from plone.registry.interfaces import IRegistry
from sirhp.content import logger
from sirhp.content.domain.terms import parse_lines
from sirhp.content.domain.terms import Term
from sirhp.content.domain.terms import TermSyntaxError
from sirhp.content.interfaces import IHRVocabularies
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import rules as referential_rules
from zope.component import queryUtility
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def hr_terms(name: str):
    """The parsed terms of one HR vocabulary (an empty list if not set up)."""
    registry = queryUtility(IRegistry)
    if registry is None:
        return []
    settings = registry.forInterface(IHRVocabularies, check=False, prefix="sirhp")
    try:
        return parse_lines(getattr(settings, name, None) or [])
    except (TermSyntaxError, KeyError) as exc:  # pragma: no cover - guarded by the form
        logger.error("Vocabulary %s is broken: %s", name, exc)
        return []


def _factory(name):
    @provider(IVocabularyFactory)
    def factory(context=None):
        return SimpleVocabulary(
            [
                SimpleTerm(value=term.code, token=term.code, title=term.label)
                for term in hr_terms(name)
            ]
        )

    return factory


def statute_terms(kind: str):
    """Terms (``Term``) of the corps or grades in force today (grades corps
    by corps, lowest first; a grade's ``extra`` is its corps, as in the old
    lines), then those only the old ``sirhp.<kind>`` registry lines still
    name: records holding them keep their label."""
    if queryUtility(IRegistry) is None:
        return []
    tables = referentials.tables()
    if kind == "grades":
        codes = referential_rules.ordered_grades(tables)
        terms = [
            Term(
                code,
                tables["grades"][code]["label"],
                (tables["grades"][code]["corps"],),
            )
            for code in codes
        ]
    else:
        codes = list(tables["corps"])
        terms = [Term(code, tables["corps"][code]["label"]) for code in codes]
    known = set(codes)
    return terms + [term for term in hr_terms(kind) if term.code not in known]


def _statute_factory(kind):
    @provider(IVocabularyFactory)
    def factory(context=None):
        return SimpleVocabulary(
            [
                SimpleTerm(value=term.code, token=term.code, title=term.label)
                for term in statute_terms(kind)
            ]
        )

    return factory


CorpsVocabulary = _statute_factory("corps")
GradeVocabulary = _statute_factory("grades")
SkillVocabulary = _factory("skills")
DocumentTypeVocabulary = _factory("document_types")


@provider(IVocabularyFactory)
def SanctionVocabulary(context=None):
    """The sanctions of the référentiel in force today, lightest first."""
    if queryUtility(IRegistry) is None:
        return SimpleVocabulary([])
    sanctions = referentials.tables()["sanctions"]
    codes = sorted(
        sanctions, key=lambda code: referential_rules.sort_level(sanctions[code])
    )
    return SimpleVocabulary(
        [
            SimpleTerm(value=code, token=code, title=sanctions[code]["label"])
            for code in codes
        ]
    )
