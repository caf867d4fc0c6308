"""French first, English complete: every message of the "sirhp" domain has an
English text, with the same ``${variables}``, and the .pot is the one
i18ndude rebuilds from the code today (scripts/i18n.sh)."""

import ast
from pathlib import Path
import pytest
import re
import shutil
import subprocess

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "src/sirhp.policy/src/sirhp/policy/locales"
POT = LOCALES / "sirhp.pot"
MANUAL = LOCALES / "manual.pot"
PO = {lang: LOCALES / lang / "LC_MESSAGES/sirhp.po" for lang in ("fr", "en")}
SOURCES = [
    ROOT / "src/sirhp.content/src/sirhp/content",
    ROOT / "src/sirhp.policy/src/sirhp/policy",
]
I18NDUDE = ROOT / ".venv/bin/i18ndude"
VARIABLE = re.compile(r"\$\{(\w+)\}")
MSGID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
# Helpers of the pure modules that build the msgid from a prefix and a field.
PREFIXED = {"_promotion_problem": "referential_promotion_"}


def parse(path):
    """Entries of a .po/.pot as ``[(msgid, msgstr, default)]``, header left
    out (a small parser: polib is not a dependency)."""
    entries, entry, field = [], None, None

    def close():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#. Default:"):
            close() if entry and "msgstr" in entry else None
            if entry is None or "msgstr" in entry:
                entry = {}
            entry["default"] = ast.literal_eval(line[len("#. Default:") :].strip())
        elif line.startswith("msgid "):
            if entry is None or "msgstr" in entry:
                close()
                entry = {}
            entry["msgid"], field = ast.literal_eval(line[6:]), "msgid"
        elif line.startswith("msgstr "):
            entry["msgstr"], field = ast.literal_eval(line[7:]), "msgstr"
        elif line.startswith('"') and entry is not None and field:
            entry[field] += ast.literal_eval(line)
        elif not line.strip():
            close()
            entry, field = None, None
    return [
        (e["msgid"], e.get("msgstr", ""), e.get("default", e["msgid"]))
        for e in entries
        if e["msgid"]
    ]


def test_parser_reads_the_catalogue():
    entries = {msgid: (msgstr, default) for msgid, msgstr, default in parse(PO["en"])}
    assert entries["error_photo_empty"] == (
        "The file is empty.",
        "Le fichier est vide.",
    )
    assert entries["Actes de carrière"][0] == "Career events"


def test_every_message_has_english():
    english = {msgid: msgstr for msgid, msgstr, _default in parse(PO["en"])}
    missing = [msgid for msgid, _s, _d in parse(POT) if msgid not in english]
    empty = [msgid for msgid, msgstr in english.items() if not msgstr.strip()]
    assert missing == []
    assert empty == []


def test_english_keeps_the_variables():
    wrong = [
        (msgid, msgstr)
        for msgid, msgstr, default in parse(PO["en"])
        if set(VARIABLE.findall(default)) | set(VARIABLE.findall(msgid))
        != set(VARIABLE.findall(msgstr))
        and msgstr
    ]
    assert wrong == []


@pytest.mark.parametrize("path", [POT, PO["fr"], PO["en"]], ids=["pot", "fr", "en"])
def test_no_duplicate_msgid(path):
    msgids = [msgid for msgid, _s, _d in parse(path)]
    assert sorted({m for m in msgids if msgids.count(m) > 1}) == []


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext not installed")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_msgfmt_check(lang, tmp_path):
    result = subprocess.run(
        ["msgfmt", "-c", "-o", str(tmp_path / "out.mo"), str(PO[lang])],
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_both_catalogues_follow_the_pot():
    pot = {msgid for msgid, _s, _d in parse(POT)}
    for path in PO.values():
        assert {msgid for msgid, _s, _d in parse(path)} == pot, path


def test_pot_is_current(tmp_path):
    """What i18ndude extracts today (plus manual.pot) is what is committed:
    run scripts/i18n.sh after adding or removing a message."""
    pot = tmp_path / "sirhp.pot"
    subprocess.run(
        [str(I18NDUDE), "rebuild-pot", "--pot", str(pot), "--create", "sirhp"]
        + ["--merge", str(MANUAL)]
        + [str(path) for path in SOURCES],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    rebuilt = {msgid for msgid, _s, _d in parse(pot)}
    committed = {msgid for msgid, _s, _d in parse(POT)}
    assert sorted(rebuilt - committed) == [], "new messages: run scripts/i18n.sh"
    assert sorted(committed - rebuilt) == [], "gone messages: run scripts/i18n.sh"


def _pairs_in_pure_modules():
    """(msgid, French default) pairs written as two string literals in a row
    (tuples, ``problem(...)`` calls) in the pure modules, which cannot use
    ``_()``."""
    found = {}
    for source in SOURCES:
        for path in source.rglob("*rules.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                items = getattr(node, "elts", None) or getattr(node, "args", None)
                if not isinstance(items, list):
                    continue
                prefix = PREFIXED.get(getattr(getattr(node, "func", None), "id", ""))
                for first, second in zip(items, items[1:], strict=False):
                    if (
                        isinstance(first, ast.Constant)
                        and isinstance(first.value, str)
                        and (prefix or MSGID.match(first.value))
                        and isinstance(second, ast.Constant)
                        and isinstance(second.value, str)
                        and " " in second.value
                    ):
                        found[(prefix or "") + first.value] = second.value
    return found


def test_messages_of_pure_rules_are_in_manual_pot():
    pairs = _pairs_in_pure_modules()
    assert "error_photo_empty" in pairs  # the scan sees them
    manual = {msgid: default for msgid, _s, default in parse(MANUAL)}
    assert {m: d for m, d in pairs.items() if manual.get(m) != d} == {}


def test_no_translation_is_marked_fuzzy():
    """A fuzzy entry is left out when Zope compiles the catalogue: its users
    would read the French default (i18ndude marks one fuzzy when the French
    default changes: the English is then checked and the mark removed)."""
    for path in LOCALES.glob("*/LC_MESSAGES/*.po"):
        flagged = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("#,") and "fuzzy" in line
        ]
        assert flagged == [], path
