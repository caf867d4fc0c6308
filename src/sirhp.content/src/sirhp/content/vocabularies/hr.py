"""Vocabularies HR managers edit in the control panel (registry-backed)."""

import functools
from plone.registry.interfaces import IRegistry
from sirhp.content import logger
from sirhp.content.domain.terms import parse_lines
from sirhp.content.domain.terms import Term
from sirhp.content.domain.terms import TermSyntaxError
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import rules as referential_rules
from zope.component import queryUtility
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _lines(name: str):
    """The raw lines of the ``sirhp.<name>`` registry record, as a tuple
    (``None`` without a registry)."""
    registry = queryUtility(IRegistry)
    if registry is None:
        return None
    return tuple(registry.get(f"sirhp.{name}") or ())


@functools.lru_cache(maxsize=32)
def _parsed(lines: tuple) -> tuple:
    """The terms of one set of lines, parsed once (lists and catalog entries
    ask for the same vocabulary for every row)."""
    return tuple(parse_lines(lines))


def hr_terms(name: str):
    """The parsed terms of one HR vocabulary (an empty list if not set up)."""
    lines = _lines(name)
    if lines is None:
        return []
    try:
        return list(_parsed(lines))
    except TermSyntaxError as exc:  # pragma: no cover - guarded by the form
        logger.error("Vocabulary %s is broken: %s", name, exc)
        return []


def _vocabulary(terms):
    return SimpleVocabulary(
        [
            SimpleTerm(value=term.code, token=term.code, title=term.label)
            for term in terms
        ]
    )


def _factory(name):
    @provider(IVocabularyFactory)
    def factory(context=None):
        return _vocabulary(hr_terms(name))

    return factory


class _Statute:
    """The corps or grades of one set of tables and registry lines, with
    their vocabulary: built once, used until the tables (a new version, or
    a new day entering one) or the lines change."""

    def __init__(self, tables, lines, terms):
        self.tables = tables
        self.lines = lines
        self.terms = tuple(terms)
        self.vocabulary = _vocabulary(self.terms)


_STATUTE = {}  # {kind: _Statute}: the last one built, for each kind


def _statute(kind: str):
    """The ``_Statute`` of ``kind`` in force today (``None`` without a
    registry). The tables are the référentiel's shared, parsed structures
    (``referentials.api.tables``): the same object while the stored
    versions and the version in force stay the same."""
    lines = _lines(kind)
    if lines is None:
        return None
    tables = referentials.tables()
    cached = _STATUTE.get(kind)
    if cached is not None and cached.tables is tables and cached.lines == lines:
        return cached
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
    terms += [term for term in hr_terms(kind) if term.code not in known]
    built = _STATUTE[kind] = _Statute(tables, lines, terms)
    return built


def statute_terms(kind: str):
    """Terms (``Term``) of the corps or grades in force today (grades corps
    by corps, lowest first; a grade's ``extra`` is its corps, as in the old
    lines), then those only the old ``sirhp.<kind>`` registry lines still
    name: records holding them keep their label."""
    statute = _statute(kind)
    return list(statute.terms) if statute is not None else []


def _statute_factory(kind):
    @provider(IVocabularyFactory)
    def factory(context=None):
        statute = _statute(kind)
        return statute.vocabulary if statute is not None else SimpleVocabulary([])

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
