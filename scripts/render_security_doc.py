"""Render docs/security.md from the one security table (tests/security/matrix.py).

Usage: .venv/bin/python scripts/render_security_doc.py
A test (tests/security/test_security_doc.py) fails when the document is stale.
"""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "security.md"

OPERATION_LABELS = {
    "view": ("lire", "read"),
    "edit": ("modifier", "edit"),
    "add": ("ajouter une pièce", "add a document"),
    "sensitive": ("données médicales", "medical data"),
    "submit": ("soumettre", "submit"),
    "validate": ("valider", "validate"),
    "reject": ("rejeter", "reject"),
    "archive": ("archiver", "archive"),
}
STATE_LABELS = {
    "draft": ("Brouillon", "draft"),
    "pending": ("En attente de validation", "pending"),
    "validated": ("Validé", "validated"),
    "archived": ("Archivé", "archived"),
}


def load_matrix():
    spec = importlib.util.spec_from_file_location(
        "matrix", ROOT / "tests" / "security" / "matrix.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BADGE_OPERATION_LABELS = {
    "view": ("lire", "read"),
    "edit": ("modifier", "edit"),
    "print": ("imprimer", "print"),
    "issue": ("remettre", "hand over"),
    "revoke": ("révoquer", "revoke"),
    "expire": ("constater l'expiration", "mark expired"),
}
BADGE_STATE_LABELS = {
    "requested": ("Demandée", "requested"),
    "printed": ("Imprimée", "printed"),
    "issued": ("Remise", "issued"),
    "expired": ("Expirée", "expired"),
    "revoked": ("Révoquée", "revoked"),
}


def load_badge_matrix():
    import sys

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.security import badge_matrix

    return badge_matrix


def render_badges():
    b = load_badge_matrix()
    operations = list(b.BADGE_OPERATIONS)
    header = " | ".join(
        f"{fr} / {en}" for fr, en in (BADGE_OPERATION_LABELS[o] for o in operations)
    )
    lines = [
        "# Cartes professionnelles / Badges",
        "",
        f"Table `tests/security/badge_matrix.py`: **{b.BADGE_CELL_COUNT} cellules / "
        f"cells** ({len(b.PERSONAS)} personas x {len(b.BADGE_STATES)} états / states x "
        f"{len(operations)} opérations / operations), run in process "
        "(`tests/security/test_badge_matrix.py`). Type `Badge`, workflow "
        "`sirhp_badge_workflow`.",
        "",
    ]
    for state in b.BADGE_STATES:
        fr, en = BADGE_STATE_LABELS[state]
        lines += [
            f"## {fr} / {en} (`{state}`)",
            "",
            f"| persona | {header} |",
            "|---|" + "---|" * len(operations),
        ]
        for persona in b.PERSONAS:
            cells = " | ".join(
                "✔" if b.badge_allowed(persona, state, o) else "·" for o in operations
            )
            lines.append(f"| {persona} | {cells} |")
        lines.append("")
    lines += [
        "Vérification publique / public verification (`@@carte`, "
        "`@badge-verification`): anyone, read only, rate-limited; answers "
        "valid / expired / revoked / unknown and, for a valid card only, photo, "
        "name, grade, agency (`tests/badges/test_verification.py`).",
        "",
    ]
    return lines


FILE_OPERATION_LABELS = {
    "audit": ("journal d'audit", "audit log"),
    "sharing": ("partage", "sharing"),
}


def load_file_operations():
    import sys

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.security import file_operations_matrix

    return file_operations_matrix


def render_file_operations():
    f = load_file_operations()
    header = " | ".join(
        f"{fr} / {en}" for fr, en in (FILE_OPERATION_LABELS[o] for o in f.OPERATIONS)
    )
    lines = [
        "## Journal d'audit et partage / Audit log and sharing",
        "",
        f"Table `tests/security/file_operations_matrix.py`: **{f.CELL_COUNT} "
        f"cellules / cells** ({len(f.PERSONAS)} personas x {len(f.STATES)} états / "
        f"states x {len(f.OPERATIONS)} opérations / operations), over REST and the "
        "Classic UI (`tests/security/test_file_operations_matrix.py`). Identical "
        "in every state. Audit log: `@audit-log?matricule=` (site: auditors; "
        "agency: its HR managers), `@@journal`. Sharing: `@@sharing`, "
        "`@sharing` (read and delegate): administrators only.",
        "",
        f"| persona | {header} |",
        "|---|" + "---|" * len(f.OPERATIONS),
    ]
    for persona in f.PERSONAS:
        cells = " | ".join(
            "✔" if all(f.allowed(persona, s, o) for s in f.STATES) else "·"
            for o in f.OPERATIONS
        )
        lines.append(f"| {persona} | {cells} |")
    lines.append("")
    return lines


def render():
    m = load_matrix()
    lines = [
        "# Sécurité — matrice des droits / Security matrix",
        "",
        "Généré par `scripts/render_security_doc.py` à partir de la table unique",
        "`tests/security/matrix.py` (ne pas modifier à la main). / Generated from",
        "the single table `tests/security/matrix.py` (do not edit by hand).",
        "",
        f"**{m.CELL_COUNT} cellules / cells** ({len(m.PERSONAS)} personas x "
        f"{len(m.STATES)} états / states x {len(m.OPERATIONS)} opérations / operations), "
        "each run in process (plone.api) and over the REST API; a subset through "
        "the Classic UI pages. ✔ = autorisé / allowed, · = refusé / denied.",
        "",
        "Type: `PersonnelFile` (dossier individuel); its records follow the same workflow.",
        "",
    ]
    header = " | ".join(
        f"{fr} / {en}" for fr, en in (OPERATION_LABELS[o] for o in m.OPERATIONS)
    )
    for state in m.STATES:
        fr, en = STATE_LABELS[state]
        lines += [
            f"## {fr} / {en} (`{state}`)",
            "",
            f"| persona | {header} |",
            "|---|" + "---|" * len(m.OPERATIONS),
        ]
        for persona in m.PERSONAS:
            row = m.MATRIX[(persona, state)]
            cells = " | ".join("✔" if allowed else "·" for allowed in row)
            lines.append(f"| {persona} | {cells} |")
        lines.append("")
    lines += [
        "## Autres règles testées / Other tested rules",
        "",
        "- Quatre yeux : personne ne valide sa propre soumission / nobody validates "
        "their own submission (`tests/workflows/`).",
        "- Le rejet exige un motif / reject needs a comment.",
        "- API REST fermée aux anonymes sauf `@login` / REST closed to anonymous "
        "users except `@login` (`tests/security/test_hardening.py`).",
        "- Pas d'énumération des utilisateurs et groupes / no user or group "
        "enumeration (`tests/security/test_enumeration.py`).",
        "- Pas d'affectation de masse : clés inconnues 400, champs interdits 403 / "
        "no mass assignment (`tests/security/test_mass_assignment.py`).",
        "- Écritures REST par cookie de session depuis le portail seulement / "
        "cookie-carried REST writes only from the portal's pages "
        "(`tests/security/test_csrf.py`).",
        "- En-têtes de sécurité sur chaque page / security headers on every page.",
        "- Un dossier que l'on ne peut pas voir répond comme un identifiant "
        "inexistant (chemin, `resolveuid`, `@search?UID=`, téléchargements, "
        "images) / a record one may not see answers like a missing id "
        "(`tests/security/test_hidden_records.py`).",
        "- Entrées hostiles : 4xx avec message, jamais 500, rien d'enregistré ; "
        "scripts échappés partout / hostile input: 4xx with a message, never a "
        "500, nothing stored; scripts escaped everywhere "
        "(`tests/security/test_hostile_inputs.py`).",
        "- Requête trop volumineuse (plus que `sirhp.documents.max_upload_mb` x 4/3 "
        "+ 10 Mo, 77 Mo par défaut) : 413 avec message en français, rien "
        "d'enregistré, une pièce à la limite passe toujours / oversized request "
        "body: 413 with a French message, nothing stored, a document at the "
        "upload limit still goes through (`tests/security/test_oversized_bodies.py`).",
        "- Aucun rôle local donné à la main : la mise à niveau 1005 retire ceux "
        "donnés par la page de partage avant 1004 / no local role given by hand: "
        "upgrade 1005 removes those delegated on the sharing page before 1004 "
        "(`tests/upgrades/test_1005_shares.py`).",
        "- Double authentification TOTP (facultative ; obligatoire pour valideurs "
        "et gestionnaires RH si `sirhp.security.totp_required`) / TOTP second "
        "factor (`tests/security/test_totp.py`).",
        "",
    ]
    lines += render_file_operations()
    lines += render_badges()
    return "\n".join(lines)


if __name__ == "__main__":
    OUTPUT.write_text(render())
    print(f"written {OUTPUT}")
