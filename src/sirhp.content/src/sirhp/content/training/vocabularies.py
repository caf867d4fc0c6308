"""The training domains.

A fixed list for now: the référentiels (``referentials/defaults.py``) would
version it with effective dates, but adding a kind there changes their
validation, panel and upgrade; a course keeps its code either way.
"""

from sirhp.content import _
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

TRAINING_DOMAINS = (
    ("proximity", _("training_proximity", default="Police de proximité")),
    ("human_rights", _("training_human_rights", default="Droits humains")),
    ("gender", _("training_gender", default="Genre et sécurité")),
    ("judicial", _("training_judicial", default="Police judiciaire")),
    ("public_order", _("training_public_order", default="Maintien de l'ordre")),
    ("it", _("training_it", default="Informatique")),
    ("languages", _("training_languages", default="Langues")),
    ("other", _("training_other", default="Autre")),
)


@provider(IVocabularyFactory)
def TrainingDomainVocabulary(context=None):
    return SimpleVocabulary(
        [
            SimpleTerm(value=code, token=code, title=title)
            for code, title in TRAINING_DOMAINS
        ]
    )
