"""The French refusals of the legacy import (English in the ``sirhp``
catalogue), by the rules' problem codes."""

from sirhp.content import _

MESSAGES = {
    "required": _("legacy_required", default="Valeur obligatoire manquante."),
    "date": _(
        "legacy_date",
        default="Date « ${value} » non comprise (ex. 12/03/1998, 1998-03-12, "
        "12 mars 1998).",
    ),
    "matricule": _(
        "legacy_matricule",
        default="Matricule « ${value} » invalide : 6 chiffres suivis d'une lettre "
        "majuscule.",
    ),
    "nina": _(
        "legacy_nina",
        default="NINA « ${value} » invalide : 15 caractères, chiffres et lettres "
        "majuscules.",
    ),
    "sex": _("legacy_sex", default="Sexe « ${value} » inconnu : M ou F."),
    "corps": _("legacy_corps", default="Corps « ${value} » inconnu."),
    "grade": _("legacy_grade", default="Grade « ${value} » inconnu."),
    "unit": _("legacy_unit", default="Unité « ${value} » inconnue dans cette agence."),
    "echelon": _("legacy_echelon", default="Échelon « ${value} » invalide."),
    "phone": _("legacy_phone", default="Téléphone « ${value} » invalide."),
    "email": _("legacy_email", default="Courriel « ${value} » invalide."),
    "grade_corps": _(
        "legacy_grade_corps",
        default="Le grade « ${grade} » n'appartient pas au corps « ${corps} » : "
        "il relève du corps « ${expected} ».",
    ),
    "dates": _("legacy_dates", default="${text}"),
    "taken": _(
        "legacy_taken", default="« ${value} » est déjà attribué à un dossier existant."
    ),
    "duplicate": _(
        "legacy_duplicate", default="« ${value} » figure déjà à la ligne ${first}."
    ),
    "forbidden": _(
        "legacy_forbidden",
        default="Vous n'êtes pas autorisé à importer des dossiers dans cette agence.",
    ),
}
SCAN_MESSAGES = {
    "name": _(
        "legacy_scan_name",
        default="Pièce « ${name} » : nommez-la <matricule>_<type>.pdf.",
    ),
    "file": _(
        "legacy_scan_file",
        default="Pièce pour le matricule ${matricule} : aucun dossier de ce "
        "matricule dans l'import ni dans l'agence.",
    ),
    "type": _("legacy_scan_type", default="Type de pièce inconnu « ${code} »."),
}
MSG_UNREADABLE = _(
    "legacy_unreadable",
    default="Fichier illisible : envoyez un classeur XLSX ou un fichier CSV.",
)
MSG_EMPTY = _("legacy_empty", default="Le fichier ne contient aucune ligne.")
MSG_COLUMNS = _(
    "legacy_columns",
    default="Colonnes obligatoires non associées : ${columns}.",
)
MSG_INVALID = _(
    "legacy_invalid",
    default="Import refusé : corrigez les erreurs signalées. Rien n'a été enregistré.",
)
MSG_CREATE_FAILED = _(
    "legacy_create_failed",
    default="Échec de la création du dossier de la ligne ${row} : rien n'a été "
    "enregistré.",
)
