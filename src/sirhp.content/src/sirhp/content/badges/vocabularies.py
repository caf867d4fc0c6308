"""Fixed vocabularies of badges: request and revocation reasons, print layouts.

The codes are the rules' (``rules.REQUEST_REASONS``, ``REVOCATION_REASONS``,
``PRINT_LAYOUTS``); here are their French labels. A code without a label
fails at import: a rule and its vocabulary cannot drift apart.
"""

from sirhp.content import _
from sirhp.content.badges import rules
from sirhp.content.vocabularies.fixed import _factory

_REQUEST_LABELS = {
    "first": _("badge_request_first", default="Première délivrance"),
    "renewal": _("badge_request_renewal", default="Renouvellement (expiration)"),
    "replacement": _(
        "badge_request_replacement",
        default="Remplacement (perte, vol, détérioration)",
    ),
    "change": _("badge_request_change", default="Changement de grade ou d'affectation"),
}

_REVOCATION_LABELS = {
    "lost": _("badge_revoked_lost", default="Perte"),
    "stolen": _("badge_revoked_stolen", default="Vol"),
    "departure": _("badge_revoked_departure", default="Départ du service"),
    "reissue": _("badge_revoked_reissue", default="Remplacée par une nouvelle carte"),
    "damaged": _("badge_revoked_damaged", default="Détériorée"),
    "other": _("badge_revoked_other", default="Autre motif"),
}

_LAYOUT_LABELS = {
    "card": _("badge_layout_card", default="Une carte par page (imprimante à cartes)"),
    "a4": _("badge_layout_a4", default="Planche A4 de 10 cartes, traits de coupe"),
}

BADGE_REQUEST_REASONS = tuple(
    (code, _REQUEST_LABELS[code]) for code in rules.REQUEST_REASONS
)
BADGE_REVOCATION_REASONS = tuple(
    (code, _REVOCATION_LABELS[code]) for code in rules.REVOCATION_REASONS
)
BADGE_LAYOUTS = tuple((code, _LAYOUT_LABELS[code]) for code in rules.PRINT_LAYOUTS)

BadgeRequestReasonVocabulary = _factory(BADGE_REQUEST_REASONS)
BadgeRevocationReasonVocabulary = _factory(BADGE_REVOCATION_REASONS)
BadgeLayoutVocabulary = _factory(BADGE_LAYOUTS)
