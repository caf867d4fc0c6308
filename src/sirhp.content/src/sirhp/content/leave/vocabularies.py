"""The leave types of the référentiels in force today."""

from sirhp.content.referentials.api import tables
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IVocabularyFactory)
def LeaveTypeVocabulary(context=None):
    types = tables()["leave_types"]
    return SimpleVocabulary(
        [
            SimpleTerm(value=code, token=code, title=entry["label"])
            for code, entry in types.items()
        ]
    )
