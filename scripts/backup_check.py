"""Check a restored data folder in-process (no HTTP server): ``report()``.

Used by ``scripts/backup.py verify``. The database is opened read-only with
ZODB alone (no Zope configuration): the catalog answers, containers are
read through their BTree (Plone's ordering adapter needs no registry).
Checks: personnel files per agency, by the catalog and by a walk of the
agency folders, equal; every blob the database references (every revision)
exists; every blob's SHA-256 equals the manifest's; the journal chain
verifies and still holds the head recorded at backup.
"""

import backup as tool
from collections import Counter
import json
from pathlib import Path
from sirhp.policy.audit.journal import Journal
from ZODB import DB
from ZODB.blob import BlobStorage
from ZODB.blob import is_blob_record
from ZODB.FileStorage import FileStorage
from ZODB.POSException import POSKeyError

SITE_ID = "sirhp"
FILE_TYPE = "PersonnelFile"
AGENCY_TYPE = "Agency"


def children(folder):
    tree = getattr(folder, "_tree", None)
    return list(tree.values()) if tree is not None else []


def walk_counts(portal):
    """Personnel files per agency id, found by walking the agency folders."""
    counts = Counter()
    for agency in children(portal):
        if getattr(agency, "portal_type", None) != AGENCY_TYPE:
            continue
        stack = [agency]
        while stack:
            for child in children(stack.pop()):
                if getattr(child, "portal_type", None) == FILE_TYPE:
                    counts[agency.getId()] += 1
                stack.append(child)
    return counts


def catalog_counts(portal):
    """Personnel files per agency id, by the catalog (paths /sirhp/<agency>/...)."""
    counts = Counter()
    for brain in portal.portal_catalog.unrestrictedSearchResults(portal_type=FILE_TYPE):
        counts[brain.getPath().split("/")[2]] += 1
    return counts


def missing_blobs(storage):
    """(oid, tid) of every blob record whose file is absent."""
    missing = []
    for transaction in storage.iterator():
        for record in transaction:
            if record.data and is_blob_record(record.data):
                try:
                    storage.loadBlob(record.oid, record.tid)
                except POSKeyError:
                    missing.append((record.oid.hex(), record.tid.hex()))
    return missing


def changed_blobs(backup_folder, data):
    """Restored blob files whose SHA-256 differs from the backup's manifest."""
    manifest = tool.read_manifest(backup_folder)
    changed = []
    for name, digest in manifest.items():
        if not name.startswith(tool.BLOBS + "/"):
            continue
        path = data / name
        if not path.is_file() or tool.sha256_file(path) != digest:
            changed.append(name)
    return changed


def check(backup_folder, data):
    """(facts, problems) of the data folder ``data`` restored from the backup."""
    facts, problems = {}, []
    summary = json.loads((backup_folder / tool.SUMMARY).read_text())
    storage = BlobStorage(
        str(data / tool.BLOBS), FileStorage(str(data / tool.DATA_FS), read_only=True)
    )
    db = DB(storage)
    try:
        facts["objects"] = len(storage)
        connection = db.open()
        portal = connection.root()["Application"].get(SITE_ID)
        if portal is None:
            problems.append(f"pas de site '{SITE_ID}' / no site '{SITE_ID}'")
        else:
            by_catalog, by_walk = catalog_counts(portal), walk_counts(portal)
            facts["personnel_files"] = dict(sorted(by_catalog.items()))
            if by_catalog != by_walk:
                problems.append(
                    f"dossiers par agence : catalogue {dict(by_catalog)} != "
                    f"parcours {dict(by_walk)} / files per agency differ"
                )
        for oid, tid in missing_blobs(storage):
            problems.append(f"blob manquant / missing blob: oid {oid} tid {tid}")
        connection.close()
    finally:
        db.close()
    changed = changed_blobs(backup_folder, data)
    facts["blobs"] = summary["blobs"]
    problems += [f"blob différent / blob differs: {name}" for name in changed]
    journal_path = data / tool.SQLITE
    if journal_path.exists():
        result = Journal(str(journal_path)).verify(
            expected_head=summary.get("journal_head")
        )
        facts["journal_events"] = result.checked
        if not result.ok:
            problems.append(
                f"journal rompu / journal broken: {result.checked} events checked, "
                f"first bad event {result.first_bad_id}"
            )
    elif summary.get("journal_events"):
        problems.append("journal manquant / journal missing")
    return facts, problems


def report(backup_folder, data):
    """Print the French/English summary: exit status 0 (intact) or 1."""
    facts, problems = check(Path(backup_folder), Path(data))
    files = facts.get("personnel_files", {})
    print(f"Sauvegarde / backup: {backup_folder}")
    print(f"  objets ZODB / ZODB objects: {facts.get('objects')}")
    print(
        f"  dossiers du personnel / personnel files: {sum(files.values())} "
        + ", ".join(f"{agency} {count}" for agency, count in files.items())
    )
    print(f"  blobs: {facts.get('blobs')}")
    print(f"  événements du journal / journal events: {facts.get('journal_events', 0)}")
    for problem in problems:
        print(f"ERREUR / ERROR: {problem}")
    print(
        "Sauvegarde vérifiée / backup verified: " + ("NON / NO" if problems else "OK")
    )
    return 1 if problems else 0
