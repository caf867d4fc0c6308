"""The French technicians' guide (docs/fr/) says only true things about
this repository: every command of its ```bash blocks is run (when safe),
dry-run with ``make -n`` (targets that start servers or take long), or
listed here with why it cannot run in CI, and then what it names must
exist. Every repository path, make target and relative link of the guide
exists."""

import os
from pathlib import Path
import pytest
import re
import shlex
import subprocess
import sys

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "fr"
PAGES = sorted(GUIDE.glob("*.md"))
PYTHON = ".venv/bin/python"
PATH_PREFIXES = (
    "scripts/",
    "deploy/",
    "etc/",
    "docs/",
    "src/",
    "tests/",
    "instance/",
    "benchmarks/",
)
ROOT_FILES = {
    "Makefile",
    "constraints.txt",
    "requirements.txt",
    "buildout.cfg",
    "versions.cfg",
}

# Commands that are run as they are written (read-only, quick, no server).
RUN = [
    (r"^make help$", "liste des cibles"),
    (rf"^{re.escape(PYTHON)} scripts/[\w]+\.py --help$", "aide d'un script"),
    (
        rf"^{re.escape(PYTHON)} -m sirhp\.content\.documents\.worker --help$",
        "aide du lecteur de texte",
    ),
    (
        rf"^{re.escape(PYTHON)} scripts/render_deploy\.py \S+\.template( --set \S+)*$",
        "affiche la configuration nginx sans l'écrire",
    ),
    (r"^git log -1 --oneline$", "lecture de l'historique"),
    (
        rf"^{re.escape(PYTHON)} -m pip show [\w. ]+$",
        "versions installées",
    ),
]

# Commands that cannot run in CI, with the reason. The paths and make
# targets they name are still checked.
NOT_RUN = [
    (r"^apt-get ", "root et réseau (ou les .deb de make debs)"),
    (r"^(systemctl|journalctl) ", "root, unités systemd installées sur un serveur"),
    (r"^cp deploy/systemd/", "root : installe les unités dans /etc/systemd"),
    (r"^curl ", "demande un site qui tourne"),
    (r"^(tail|grep) .*var/\S+/log/", "journaux d'une instance en service"),
    (
        r"^\.venv/bin/zconsole run var/\S+/etc/zope\.conf scripts/\w+\.py",
        "ouvre la base d'un site existant (Zope arrêté ou ZEO démarré)",
    ),
    (r"^\.venv/bin/runwsgi var/\S+/zope\.ini$", "sert le site jusqu'à Ctrl+C"),
    (r"^\.venv/bin/zeopack ", "demande un serveur ZEO démarré"),
    (
        rf"^{re.escape(PYTHON)} scripts/audit_journal\.py (verify|head|backup) ",
        "demande le journal d'un site existant",
    ),
    (
        rf"^{re.escape(PYTHON)} -m sirhp\.content\.documents\.worker --url ",
        "demande un site qui tourne",
    ),
    (
        rf"^{re.escape(PYTHON)} scripts/render_security_doc\.py$",
        "réécrit docs/security.md (tests/security/test_security_doc.py le vérifie)",
    ),
    (
        r"^bash scripts/start_zeo\.sh$",
        "démarre ZEO et deux clients (make -n start-zeo le couvre)",
    ),
    (r"^mkdir -p backups$", "crée un dossier de travail"),
    (r"^git pull$", "réseau, change le dépôt"),
    (
        rf"^{re.escape(PYTHON)} -m pytest tests/\S+",
        "la suite de tests elle-même (pas de pytest dans pytest)",
    ),
]


def bash_commands(page: Path):
    """``(line number, command)`` of every ```bash block of ``page``,
    continuation lines joined, comments dropped."""
    commands = []
    block = None
    pending = ""
    start = 0
    for number, line in enumerate(page.read_text().splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("```"):
            block = "bash" if block is None and stripped == "```bash" else None
            continue
        if block != "bash" or not stripped or stripped.startswith("#"):
            continue
        if not pending:
            start = number
        pending += stripped
        if pending.endswith("\\"):
            pending = pending[:-1].rstrip() + " "
            continue
        commands.append((start, pending))
        pending = ""
    return commands


def all_commands():
    return [
        (page.name, number, command)
        for page in PAGES
        for number, command in bash_commands(page)
    ]


def split_env(command):
    """``({VAR: value}, words)``: leading assignments, then the command."""
    words = shlex.split(command, comments=True)
    env = {}
    while words and re.match(r"^[A-Z_][A-Z0-9_]*=", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    return env, words


def make_targets():
    text = (ROOT / "Makefile").read_text()
    return set(re.findall(r"^([a-z][a-z0-9-]*):", text, re.M))


def classify(command):
    """``("run"|"dry"|"skip", reason)``, or None when nothing matches."""
    env, words = split_env(command)
    plain = " ".join(words)
    for pattern, reason in RUN:
        if re.match(pattern, plain) and not env:
            return "run", reason
    if words and words[0] == "make":
        return "dry", "make -n"
    for pattern, reason in NOT_RUN:
        if re.match(pattern, plain):
            return "skip", reason
    return None


def named_paths(text):
    """Repository paths named in ``text`` (placeholders left out)."""
    found = set()
    for token in re.findall(r"[\w./@<>*{}-]+", text):
        token = token.rstrip(".,;:)")
        if any(c in token for c in "<>*{}@"):
            continue
        if token.startswith(PATH_PREFIXES) or token in ROOT_FILES:
            found.add(token)
    return found


def test_guide_pages_exist():
    expected = {
        "README.md",
        "installation.md",
        "demarrer-arreter.md",
        "site-demo-production.md",
        "comptes-roles.md",
        "referentiels.md",
        "sauvegardes.md",
        "mises-a-niveau.md",
        "journaux-erreurs.md",
        "lecteur-texte.md",
        "cartes-imprimantes.md",
        "supervision.md",
        "reprise-registres.md",
        "developper.md",
    }
    assert expected <= {page.name for page in PAGES}


@pytest.mark.parametrize(
    "page,number,command", all_commands(), ids=lambda value: str(value)[:60]
)
def test_command(page, number, command):
    kind = classify(command)
    assert kind is not None, (
        f"{page}:{number}: « {command} » n'est ni exécuté ni listé avec sa "
        "raison dans tests/docs/test_guide_fr.py"
    )
    for path in named_paths(command):
        assert (ROOT / path).exists(), f"{page}:{number}: {path} n'existe pas"
    env, words = split_env(command)
    mode, reason = kind
    environ = {**os.environ, **env}
    if mode == "dry":
        targets = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
        assignments = [w for w in words[1:] if "=" in w and not w.startswith("-")]
        for target in targets:
            assert target in make_targets(), f"{page}:{number}: make {target} ?"
        result = subprocess.run(
            ["make", "-n", *assignments, *targets],
            cwd=ROOT,
            env=environ,
            capture_output=True,
            text=True,
            timeout=60,
        )
    elif mode == "run":
        if words[0] == PYTHON:
            words = [sys.executable, *words[1:]]
        result = subprocess.run(
            words, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
        )
    else:
        if "systemctl" in words or "journalctl" in words:
            for word in words:
                unit = re.sub(r"@\d+", "@", word)
                if unit.startswith("sirhp-"):
                    suffix = "" if unit.endswith((".timer", ".service")) else ".service"
                    assert (ROOT / "deploy" / "systemd" / (unit + suffix)).exists(), (
                        f"{page}:{number}: unité {unit} absente de deploy/systemd"
                    )
        return
    assert result.returncode == 0, (
        f"{page}:{number}: {command}\n{result.stderr[-2000:]}"
    )


def _slug(heading):
    """GitHub's anchor of a heading."""
    text = re.sub(r"[`*]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(page: Path):
    return {
        _slug(line.lstrip("#"))
        for line in page.read_text().splitlines()
        if line.startswith("#")
    }


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_links_paths_and_targets(page):
    text = page.read_text()
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    problems = []
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if re.match(r"^(https?|mailto):", target):
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists():
            problems.append(f"lien mort : {target}")
        elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
            problems.append(f"ancre absente : {target}")
    for code in re.findall(r"`([^`\n]+)`", prose):
        for path in named_paths(code):
            if not (ROOT / path).exists():
                problems.append(f"chemin absent : {path}")
        match = re.match(r"^(?:[A-Z_]+=\S+ )*make ([a-z][a-z0-9-]*)", code)
        if match and match.group(1) not in make_targets():
            problems.append(f"cible inconnue : make {match.group(1)}")
    assert not problems, f"{page.name}: " + "; ".join(problems)


def test_parser_and_classification(tmp_path):
    """The checker itself: blocks, continuation lines, comments, and a
    command neither run nor listed is reported."""
    page = tmp_path / "page.md"
    page.write_text(
        "texte\n```bash\n# commentaire\nmake help\n"
        ".venv/bin/zconsole run var/instance/etc/zope.conf \\\n"
        "    scripts/daily.py\n```\n```\nrm -rf /\n```\n"
    )
    assert bash_commands(page) == [
        (4, "make help"),
        (5, ".venv/bin/zconsole run var/instance/etc/zope.conf scripts/daily.py"),
    ]
    assert classify("make help")[0] == "run"
    assert classify("make start")[0] == "dry"
    assert classify(f"{PYTHON} scripts/backup.py --help")[0] == "run"
    assert classify(bash_commands(page)[1][1])[0] == "skip"
    assert classify("rm -rf var") is None
    assert classify(f"{PYTHON} scripts/render_security_doc.py")[0] == "skip"
    assert named_paths("voir scripts/backup.py et var/<x>/log") == {"scripts/backup.py"}
