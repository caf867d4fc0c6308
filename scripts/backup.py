"""Back up, restore and check a SIRHP database folder: one command each.

Usage:
  python scripts/backup.py backup  [--instance var/instance] [--dest FOLDER]
  python scripts/backup.py restore BACKUP [--target var/instance]
  python scripts/backup.py verify  BACKUP

A data folder (``var/instance`` embedded, ``var/zeo`` for the ZEO server)
holds ``filestorage/Data.fs``, ``blobstorage/`` and ``audit/journal.sqlite``
(the audit journal and the login throttle: one SQLite file, see
``sirhp.policy.audit.db``). The badge signing secret and the TOTP secrets
are annotations of the site: they are in Data.fs and travel with it (a
``SIRHP_BADGE_SECRET`` set in the environment is configuration: keep it with
the deployment's configuration, not here).

Backup order, and why it is consistent (Zope may keep writing):
  1. Data.fs with repozo (``-B -z``): a transaction-consistent copy up to the
     last committed transaction T. The repository ``backups/repozo/<name>/``
     is shared by successive backups, so each one adds only a delta. The
     backup folder gets hard links to the repozo files that make state T
     (they are never rewritten) and copies of the ``.dat``/``.index`` files
     (repozo appends to them): each folder restores alone.
  2. The blobs, AFTER Data.fs: a blob file is written before its transaction
     commits and never changed after, so every blob that T references
     exists; blobs of later transactions are harmless extras. Files already
     in the previous backup with the same size are hard-linked from it
     (incremental, like rsync --link-dest), the others copied.
  3. The SQLite file, AFTER Data.fs, with SQLite's online backup API (safe
     while Zope appends): the journal is append-only, so it holds every
     event up to T (and perhaps a few later ones): no access made before T
     is lost.
  4. ``MANIFEST.sha256`` (sha256 of every file, relative paths, the format
     of ``sha256sum -c``) and ``manifest.json`` (date, sizes, counts, the
     journal head hash), written last: a folder without them is unfinished.

``restore`` checks the manifest first, refuses a target that has a Data.fs
or whose port answers, then runs ``repozo -R`` and copies blobs and SQLite.
``verify`` restores into a temporary folder and checks it (backup_check.py).
"""

import argparse
import datetime
import hashlib
import json
import os
from pathlib import Path
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MANIFEST = "MANIFEST.sha256"
SUMMARY = "manifest.json"
DATA_FS = Path("filestorage") / "Data.fs"
BLOBS = "blobstorage"
SQLITE = Path("audit") / "journal.sqlite"
# repozo rewrites these in place; the other repository files never change.
MUTABLE_REPOZO = (".dat", ".index")


class BackupError(Exception):
    """A refusal or failure, French then English, for the operator."""


# -- manifest -------------------------------------------------------------


def sha256_file(path, chunk=1 << 20):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def list_files(folder):
    """Every regular file under ``folder``: sorted relative POSIX paths."""
    folder = Path(folder)
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.name not in (MANIFEST, SUMMARY)
    )


def write_manifest(folder):
    """Write MANIFEST.sha256 for every file of ``folder``: {path: sha256}."""
    hashes = {name: sha256_file(Path(folder) / name) for name in list_files(folder)}
    lines = "".join(f"{digest}  {name}\n" for name, digest in hashes.items())
    (Path(folder) / MANIFEST).write_text(lines, encoding="utf-8")
    return hashes


def read_manifest(folder):
    """{relative path: sha256} as MANIFEST.sha256 of ``folder`` lists them."""
    path = Path(folder) / MANIFEST
    if not path.exists():
        raise BackupError(
            f"Sauvegarde incomplète : {path} manquant.\n"
            f"Incomplete backup: {path} is missing."
        )
    hashes = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name:
            raise BackupError(
                f"Ligne illisible dans {path} : {line!r}\nUnreadable line in {path}."
            )
        hashes[name] = digest
    return hashes


def check_manifest(folder):
    """The problems of ``folder`` against its manifest (empty list: intact).

    Each problem is ``(relative path, "missing" | "changed" | "unlisted")``.
    """
    expected = read_manifest(folder)
    present = set(list_files(folder))
    problems = [(name, "missing") for name in expected if name not in present]
    problems += [
        (name, "changed")
        for name in expected
        if name in present and sha256_file(Path(folder) / name) != expected[name]
    ]
    problems += [(name, "unlisted") for name in sorted(present - set(expected))]
    return sorted(problems)


def require_intact(folder):
    problems = check_manifest(folder)
    if problems:
        lines = "\n".join(f"  {kind}: {name}" for name, kind in problems)
        raise BackupError(
            f"La sauvegarde {folder} ne correspond pas à son manifeste :\n{lines}\n"
            f"Backup {folder} does not match its manifest."
        )


# -- backup ---------------------------------------------------------------


def link_or_copy(source, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system, or links refused
        shutil.copy2(source, target)


def repozo_backup(data_fs, repository, folder):
    """repozo -B into the shared repository; its files for this state into
    ``folder/repozo``: the list of their names."""
    repository.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [BIN / "repozo", "-B", "-z", "-r", repository, "-f", data_fs], check=True
    )
    target = folder / "repozo"
    target.mkdir(parents=True)
    names = []
    for path in sorted(repository.iterdir()):
        if path.suffix in MUTABLE_REPOZO:
            shutil.copy2(path, target / path.name)
        else:
            link_or_copy(path, target / path.name)
        names.append(path.name)
    return names


def previous_backup(root, folder):
    """The newest other backup folder under ``root`` with a manifest."""
    candidates = [
        path
        for path in root.glob("*/" + MANIFEST)
        if path.parent.resolve() != folder.resolve()
    ]
    return (
        max(candidates, key=lambda path: path.parent.name).parent
        if candidates
        else None
    )


def copy_blobs(source, target, previous=None):
    """Copy the blob folder (its temporary files excepted): blob count."""
    count = 0
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if not path.is_file() or relative.parts[0] == "tmp":
            continue
        old = previous / BLOBS / relative if previous else None
        if (
            old is not None
            and old.is_file()
            and old.stat().st_size == path.stat().st_size
        ):
            link_or_copy(old, target / relative)
        else:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / relative)
        count += path.suffix == ".blob"
    return count


def copy_sqlite(source, target):
    """SQLite's online backup (consistent while Zope appends)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as live:
        copy = sqlite3.connect(target)
        try:
            live.backup(copy)
            # one self-contained file: no -wal/-shm beside the copy
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
    live.close()


def journal_summary(path):
    """Events and head hash of the journal in the SQLite file ``path``."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT COUNT(*), (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1)"
            " FROM audit_events"
        ).fetchone()
    except sqlite3.OperationalError:  # no journal table yet
        return {"events": 0, "head": None}
    finally:
        connection.close()
    return {"events": row[0], "head": row[1]}


def backup(instance, dest=None, repository=None, now=None):
    """Back up the data folder ``instance`` into ``dest``: the folder."""
    instance = Path(instance).resolve()
    data_fs = instance / DATA_FS
    if not data_fs.exists():
        raise BackupError(
            f"Pas de base à sauvegarder : {data_fs} introuvable.\n"
            f"Nothing to back up: {data_fs} not found."
        )
    now = now or datetime.datetime.now()
    root = ROOT / "backups"
    folder = Path(dest) if dest else root / now.strftime("%Y-%m-%d-%H%M%S")
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(
            f"Le dossier {folder} existe déjà et n'est pas vide.\n"
            f"Folder {folder} already exists and is not empty."
        )
    folder.mkdir(parents=True, exist_ok=True)
    repository = Path(repository) if repository else root / "repozo" / instance.name
    repozo_files = repozo_backup(data_fs, repository.resolve(), folder)
    blobs = copy_blobs(
        instance / BLOBS, folder / BLOBS, previous_backup(folder.parent, folder)
    )
    journal = {"events": 0, "head": None}
    if (instance / SQLITE).exists():
        copy_sqlite(instance / SQLITE, folder / SQLITE)
        journal = journal_summary(folder / SQLITE)
    hashes = write_manifest(folder)
    summary = {
        "date": now.isoformat(timespec="seconds"),
        "instance": str(instance),
        "repozo_repository": str(repository.resolve()),
        "repozo_files": repozo_files,
        "data_fs_bytes": data_fs.stat().st_size,
        "blobs": blobs,
        "files": len(hashes),
        "bytes": sum((folder / name).stat().st_size for name in hashes),
        "journal_events": journal["events"],
        "journal_head": journal["head"],
    }
    (folder / SUMMARY).write_text(json.dumps(summary, indent=2) + "\n")
    return folder


# -- restore --------------------------------------------------------------


def configured_port(target):
    """The port of the instance whose data folder is ``target`` (zope.ini)."""
    ini = Path(target) / "etc" / "zope.ini"
    if not ini.exists():
        return None
    for line in ini.read_text().splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "port" and value.strip().isdigit():
            return int(value.strip())
    return None


def port_answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def zeo_running(target):
    """True if ``target`` is a ZEO data folder whose server still runs."""
    pid_file = Path(target) / "zeo.pid"
    try:
        os.kill(int(pid_file.read_text().strip()), 0)
    except (OSError, ValueError):
        return False
    return True


def restore(backup_folder, target, check=True):
    """Restore ``backup_folder`` into the data folder ``target``."""
    backup_folder, target = Path(backup_folder), Path(target)
    if check:
        require_intact(backup_folder)
    if (target / DATA_FS).exists():
        raise BackupError(
            f"Restauration refusée : {target / DATA_FS} existe déjà. Restaurez "
            f"dans un dossier neuf (TARGET=...) ou déplacez l'ancien.\n"
            f"Restore refused: {target / DATA_FS} already exists."
        )
    if zeo_running(target):
        raise BackupError(
            f"Restauration refusée : le serveur ZEO de {target} tourne "
            f"(zeo.pid). Arrêtez-le d'abord.\n"
            f"Restore refused: the ZEO server of {target} runs; stop it first."
        )
    port = configured_port(target)
    if port and port_answers(port):
        raise BackupError(
            f"Restauration refusée : un serveur répond sur le port {port} de "
            f"{target}. Arrêtez Zope d'abord.\n"
            f"Restore refused: a server answers on port {port}; stop Zope first."
        )
    (target / DATA_FS).parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            BIN / "repozo",
            "-R",
            "-r",
            backup_folder / "repozo",
            "-o",
            target / DATA_FS,
        ],
        check=True,
    )
    blobs = target / BLOBS
    if blobs.exists() and any(p.is_file() for p in blobs.rglob("*")):
        shutil.rmtree(blobs)  # only a layout left by make_instance: no Data.fs
    shutil.copytree(backup_folder / BLOBS, blobs, dirs_exist_ok=True)
    for path in blobs.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    if (backup_folder / SQLITE).exists():
        (target / SQLITE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(backup_folder / SQLITE, target / SQLITE)
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup")
    make.add_argument("--instance", default=str(ROOT / "var" / "instance"))
    make.add_argument("--dest", default=None)
    make.add_argument("--repository", default=None)
    back = commands.add_parser("restore")
    back.add_argument("backup")
    back.add_argument("--target", default=str(ROOT / "var" / "instance"))
    check = commands.add_parser("verify")
    check.add_argument("backup")
    args = parser.parse_args(argv)
    try:
        if args.command == "backup":
            folder = backup(args.instance, args.dest, args.repository)
            print(f"Sauvegarde écrite / backup written: {folder}")
            print((folder / SUMMARY).read_text(), end="")
        elif args.command == "restore":
            target = restore(args.backup, args.target)
            print(f"Restauré dans / restored into: {target}")
        else:
            import backup_check  # Zope classes: only this command needs them

            require_intact(args.backup)
            with tempfile.TemporaryDirectory(prefix="sirhp-verify-") as temp:
                restore(args.backup, Path(temp) / "data", check=False)
                return backup_check.report(Path(args.backup), Path(temp) / "data")
    except BackupError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
