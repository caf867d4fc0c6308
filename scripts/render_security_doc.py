"""Render docs/security.md from the access tables (sirhp.policy.access).

Usage: .venv/bin/python scripts/render_security_doc.py [--check | --output PATH]
(no option: write docs/security.md; ``--check``: exit 1 when it is stale;
``--output``: write elsewhere). A test (tests/security/test_security_doc.py)
fails when the document is stale.
"""

import argparse
from pathlib import Path
from sirhp.policy import access
from sirhp.policy.base import access as notation
import sys
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "security.md"


def load_tables():
    """The tables and the labels of their notation, as one namespace."""
    return SimpleNamespace(
        TABLES=access.TABLES,
        CELL_COUNT=access.CELL_COUNT,
        PERSONAS=notation.PERSONAS,
        PERSONA_LABELS=notation.PERSONA_LABELS,
        OPERATION_LABELS=notation.OPERATION_LABELS,
        STATE_LABELS=notation.STATE_LABELS,
    )


def load_defaults():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.security import defaults

    return defaults


def load_findings():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.security import findings

    return findings


def render_findings():
    """The penetration test's findings, fixed, with their tests."""
    f = load_findings()
    lines = [
        "## Constats du test d'intrusion, corrigés / Penetration test findings, fixed",
        "",
        "Un test d'intrusion externe (boîte noire, tous les rôles) a trouvé ce qui "
        "suit ; chaque constat a des tests qui échouaient avant la correction / "
        "an external black-box penetration test found the following; each "
        "finding has tests that failed before the fix "
        "(`tests/security/findings.py`).",
        "",
    ]
    for finding in f.FINDINGS:
        lines += [
            f"### {finding.number}. {finding.title} — {finding.severity}",
            "",
            finding.fix,
            "",
        ]
        lines += [f"- `{test}`" for test in finding.tests]
        lines.append("")
    lines += ["### Au-delà de la liste / Beyond the list", ""]
    for finding in f.BEYOND:
        lines += [f"#### {finding.title} — {finding.severity}", "", finding.fix, ""]
        lines += [f"- `{test}`" for test in finding.tests]
        lines.append("")
    return lines


def _cell(text):
    return text.replace("|", "\\|")


def render_defaults(number):
    """Plone's and Zope's defaults on SIRHP content (tests/security/defaults.py)."""
    d = load_defaults()
    lines = [
        f"## {number}. Défauts de Plone et de Zope sur le contenu SIRHP / "
        "Plone's and Zope's defaults on SIRHP content",
        "",
        "Toutes les permissions que détiennent **Owner** (le créateur d'un "
        "élément : agent du bureau, gestionnaire RH, l'agent pour ses propres "
        "signalements), **Authenticated** (tout compte, autre agence et agents "
        "compris) et **Anonymous** (tout le monde) sur le contenu SIRHP, où et "
        "pourquoi / every permission that Owner (the creator of an object), "
        "Authenticated (any account) and Anonymous (anyone) hold on SIRHP "
        "content, where and why: the site's rolemap acquired into agencies, "
        "units, files and records, plus the SIRHP workflows. Table unique / "
        "single table: `tests/security/defaults.py`; "
        "`tests/security/test_plone_defaults.py` calcule ces permissions sur "
        "chaque type SIRHP dans chaque état et échoue si elles changent / "
        "computes them on every SIRHP type in every state and fails when they "
        "change.",
        "",
        "| permission | rôle / role | où / where | origine / origin | "
        "raison / reason |",
        "|---|---|---|---|---|",
    ]
    for grant in d.GRANTS:
        permissions = "<br>".join(f"`{_cell(p)}`" for p in grant.permissions)
        lines.append(
            f"| {permissions} | {grant.role} | {_cell(d.where_label(grant))} | "
            f"{_cell(grant.origin)} | {_cell(grant.reason[0])} / "
            f"{_cell(grant.reason[1])} |"
        )
    lines += [
        "",
        "### Retirés par SIRHP / taken away by SIRHP",
        "",
        "Gardés pour les administrateurs (Manager ; Site Administrator sauf "
        "écrans de gestion, WebDAV, FTP et prise de propriété) : "
        "`sirhp.policy` `rolemap.xml` / kept for administrators (Manager; Site "
        "Administrator too but for the management screens, WebDAV, FTP and "
        "taking ownership).",
        "",
        "| permission | rôles retirés / roles removed | origine / origin | "
        "raison / reason |",
        "|---|---|---|---|",
    ]
    for removal in d.REMOVED:
        lines.append(
            f"| `{removal.permission}` | {', '.join(removal.roles)} | "
            f"{removal.origin} | {_cell(removal.reason[0])} / "
            f"{_cell(removal.reason[1])} |"
        )
    lines += [
        "",
        "Le contenu SIRHP n'a pas non plus de face WebDAV/FTP (`manage_FTPget`, "
        "`manage_DAVget`, `_data`, `PROPFIND`, `PUT`, `LOCK`...) ni d'écrans de "
        "gestion Zope (`manage_main`, `manage_propertiesForm`, "
        "`manage_interfaces`, `manage_workspace`...) hors administrateurs "
        "(`sirhp.content` `content/base.py`) / SIRHP content has no WebDAV/FTP "
        "face and no Zope management screens but for administrators "
        "(`tests/security/test_webdav_zmi.py`).",
        "",
    ]
    return lines


def render_table(t, number, table):
    lines = [
        f"## {number}. {table.label[0]} / {table.label[1]} (`{table.portal_type}`)",
        "",
        f"**{table.cell_count} cellules / cells** ({len(t.PERSONAS)} personas x "
        f"{len(table.states)} états / states x {len(table.operations)} opérations "
        "/ operations).",
        "",
    ]
    if table.note[0]:
        lines += [f"{table.note[0]} / {table.note[1]}", ""]
    header = " | ".join(
        f"{t.OPERATION_LABELS[o][0]} / {t.OPERATION_LABELS[o][1]}"
        for o in table.operations
    )
    for state in table.states:
        fr, en = t.STATE_LABELS[state]
        lines += [
            f"### {fr} / {en} (`{state}`)",
            "",
            f"| persona | {header} |",
            "|---|" + "---|" * len(table.operations),
        ]
        for persona in t.PERSONAS:
            cells = " | ".join(
                "✔" if table.allowed(persona, state, o) else "·"
                for o in table.operations
            )
            lines.append(f"| {persona} | {cells} |")
        lines.append("")
    return lines


def render():
    t = load_tables()
    lines = [
        "# Sécurité — tableau des droits / Security: the access table",
        "",
        "Généré par `scripts/render_security_doc.py` à partir des tables de",
        "chaque domaine, `sirhp.policy` `<domaine>/access.py` (ne pas modifier à",
        "la main). / Generated from each domain's table, `sirhp.policy`",
        "`<domain>/access.py`, listed by `sirhp.policy.access` (do not edit by",
        "hand).",
        "",
        f"**{t.CELL_COUNT} cellules / cells** in {len(t.TABLES)} tables, one per "
        "content type (the personnel file's records apart: ordinary and restricted "
        "documents, staff and officer change requests). Chaque cellule est "
        "vérifiée en processus (plone.api, l'outil de workflow, les permissions) "
        "et, pour chaque état et opération, un persona autorisé et un persona "
        "refusé passent par l'API REST **et** par les pages du navigateur / "
        "each cell is checked in process (plone.api, the workflow tool, the "
        "permissions: `tests/security/test_access_in_process.py`), and for each "
        "state and operation one allowed and one refused persona (the likeliest "
        "to leak) go through the REST API **and** the Classic UI pages "
        "(`tests/security/test_access_tables.py`): the answer must say allowed "
        "exactly when the table does; a refusal must leak no planted value and "
        "change nothing.",
        "",
        "✔ = autorisé / allowed, · = refusé / denied (401, 403 or 404; a record "
        "one may not see answers like a missing one).",
        "",
        "| persona | rôle / role |",
        "|---|---|",
    ]
    for persona in t.PERSONAS:
        fr, en = t.PERSONA_LABELS[persona]
        lines.append(f"| {persona} | {fr} / {en} |")
    lines += [
        "",
        "Comment chaque opération est demandée / how each operation is asked: "
        "see the docstring of `tests/security/test_access_tables.py` (REST: GET, "
        "PATCH, DELETE, POST `@workflow`, `@history`, `@sharing`, `@search?UID=`, "
        "`@audit-log`; browser: the page, `@@edit`, `@@delete_confirmation`, "
        "`@@historyview`, `@@sharing`, `@@search`, `@@journal`, the workflow "
        "menu). « proposer une modification » / \u201cpropose a change\u201d: on "
        "validated content the edit form and PATCH of records staff create a "
        "change request (HTTP 202) instead of editing in place.",
        "",
    ]
    for number, table in enumerate(t.TABLES, start=1):
        lines += render_table(t, number, table)
    lines += render_defaults(len(t.TABLES) + 1)
    lines += render_findings()
    lines += [
        "## Autres règles testées / Other tested rules",
        "",
        "- Quatre yeux : personne ne valide sa propre soumission ni n'approuve sa "
        "propre demande / nobody validates their own submission nor approves "
        "their own request (tables above: clerkreviewer.pn, and "
        "`tests/workflows/`).",
        "- Le rejet exige un motif / reject needs a comment.",
        "- API REST fermée aux anonymes sauf `@login` et la vérification des "
        "cartes / REST closed to anonymous users except `@login` and badge "
        "verification (`tests/security/test_hardening.py`).",
        "- Pas d'énumération des utilisateurs et groupes / no user or group "
        "enumeration (`tests/security/test_enumeration.py`).",
        "- Pas d'affectation de masse : clés inconnues 400, champs interdits 403 / "
        "no mass assignment (`tests/security/test_mass_assignment.py`).",
        "- Écritures REST par cookie de session depuis le portail seulement / "
        "cookie-carried REST writes only from the portal's pages "
        "(`tests/security/test_csrf.py`).",
        "- En-têtes de sécurité sur chaque page / security headers on every page.",
        "- Un élément que l'on ne peut pas voir répond comme un identifiant "
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
        "- Codes de secours à usage unique (stockés hachés, limités comme les "
        "codes TOTP, acceptés par `@@totp-verifier` et `@login`) ; "
        "réinitialisation par un administrateur seulement (`@@totp-reinitialiser`, "
        "POST avec jeton CSRF et motif, inscrite au journal) : refusée aux "
        "agents du bureau des archives, valideurs, gestionnaires RH, "
        "commandants, inspection, agents et anonymes / single-use recovery "
        "codes (stored hashed, throttled like TOTP codes); reset by "
        "administrators only, refused to every other persona "
        "(`tests/security/test_totp_recovery.py`).",
        "- Partage : la délégation de rôles est refusée à tous sauf aux "
        "administrateurs / sharing: delegating roles is refused to all but "
        "administrators (`tests/security/test_access_tables.py`, "
        "`tests/security/test_access_in_process.py`).",
        "- Vérification publique des cartes (`@@carte`, `@badge-verification`) : "
        "tout le monde, lecture seule, limitée en débit / public badge check: "
        "anyone, read only, rate-limited (`tests/badges/test_verification.py`).",
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--check", action="store_true", help="exit 1 when docs/security.md is stale"
    )
    group.add_argument("--output", type=Path, help="write there instead")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if OUTPUT.read_text() != text:
            print(f"{OUTPUT} is stale: run {Path(__file__).name}")
            return 1
        print(f"{OUTPUT} is current")
        return 0
    output = args.output or OUTPUT
    output.write_text(text)
    print(f"written {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
