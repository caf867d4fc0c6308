"""The French refusals of the recruitment rules (``rules.Problem`` keys ->
i18n messages of the ``sirhp`` domain)."""

from sirhp.content import _
from zope.i18nmessageid import Message

MESSAGES = {
    "stage_line": _(
        "error_recruitment_stage_line",
        default="Épreuve invalide « ${line} » : attendu code|Libellé|note "
        "maximale|note éliminatoire.",
    ),
    "stage_minimum": _(
        "error_recruitment_stage_minimum",
        default="Épreuve ${stage} : la note éliminatoire dépasse la note maximale.",
    ),
    "stage_twice": _(
        "error_recruitment_stage_twice", default="Épreuve ${stage} en double."
    ),
    "no_stage": _(
        "error_recruitment_no_stage",
        default="La campagne doit avoir au moins une épreuve.",
    ),
    "quota_line": _(
        "error_recruitment_quota_line",
        default="Quota invalide « ${line} » : attendu code|nombre de postes.",
    ),
    "quota_unknown": _(
        "error_recruitment_quota_unknown", default="Quota : code inconnu « ${code} »."
    ),
    "quota_twice": _(
        "error_recruitment_quota_twice", default="Quota en double : « ${code} »."
    ),
    "quota_total": _(
        "error_recruitment_quota_total",
        default="Les quotas régionaux (${total}) dépassent le nombre de postes "
        "(${posts}).",
    ),
    "nina_required": _(
        "error_candidate_nina_required", default="Le NINA du candidat est obligatoire."
    ),
    "nina_format": _(
        "error_nina_format",
        default="NINA invalide : 15 caractères, chiffres et lettres majuscules.",
    ),
    "nina_taken": _(
        "error_candidate_nina_taken",
        default="Un candidat de cette campagne a déjà le NINA ${nina}.",
    ),
    "nina_unknown": _(
        "error_candidate_nina_unknown",
        default="Aucun candidat de la campagne n'a le NINA ${nina}.",
    ),
    "nina_twice_file": _(
        "error_candidate_nina_twice_file",
        default="Le NINA ${nina} figure deux fois dans le fichier.",
    ),
    "unknown_stage": _(
        "error_recruitment_unknown_stage",
        default="Épreuve inconnue de la campagne : « ${stage} ».",
    ),
    "mark_range": _(
        "error_recruitment_mark_range",
        default="Note invalide à l'épreuve ${stage} : « ${mark} » (de 0 à ${max}).",
    ),
    "header_nina": _(
        "error_recruitment_header_nina",
        default="La première colonne du fichier doit être NINA.",
    ),
    "header_stage": _(
        "error_recruitment_header_stage",
        default="Colonne inconnue « ${stage} » : les colonnes sont NINA puis les "
        "codes des épreuves.",
    ),
}


def message(problem) -> Message:
    """The i18n message of a ``rules.Problem``."""
    base = MESSAGES[problem.key]
    mapping = {k: str(v) for k, v in problem.mapping.items()}
    return Message(base, mapping=mapping)
