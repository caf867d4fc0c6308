"""Shared behaviour of the records inside a personnel file."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from sirhp.content.interfaces import IPersonnelFile


def parent_file(context):
    """The personnel file that holds ``context`` (``None`` if none)."""
    for item in aq_chain(aq_inner(context)):
        if IPersonnelFile.providedBy(item):
            return item
    return None


def term_title(vocabulary_name, value, context=None):
    """The label of ``value`` in a named vocabulary, or the value itself."""
    from zope.component import queryUtility
    from zope.schema.interfaces import IVocabularyFactory

    if not value:
        return ""
    factory = queryUtility(IVocabularyFactory, vocabulary_name)
    if factory is None:
        return value
    try:
        return factory(context).getTerm(value).title
    except LookupError:
        return value
