"""Vocabularies HR managers edit in the control panel (registry-backed)."""

from plone.registry.interfaces import IRegistry
from sirhp.content import logger
from sirhp.content.domain.terms import parse_lines
from sirhp.content.domain.terms import TermSyntaxError
from sirhp.content.interfaces import IHRVocabularies
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


CorpsVocabulary = _factory("corps")
GradeVocabulary = _factory("grades")
SkillVocabulary = _factory("skills")
DocumentTypeVocabulary = _factory("document_types")
