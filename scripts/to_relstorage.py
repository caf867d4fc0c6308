"""Move a SIRHP database from FileStorage (or ZEO) to RelStorage on PostgreSQL.

Usage::

    python scripts/to_relstorage.py DSN [--source var/instance] [--clear]
    python scripts/to_relstorage.py DSN --source var/zeo --verify-only

``--source`` is the data folder of the instance (``var/instance`` for
``make start``, ``var/zeo`` for ``make start-zeo``): its
``filestorage/Data.fs`` and ``blobstorage/``. Stop every Zope client and the
ZEO server first: the copy must be a still picture of the database.

RelStorage's ``zodbconvert`` copies every transaction (same OIDs, same
transaction ids) and every blob into the database (history-free,
blobs in PostgreSQL: the settings of ``make_instance.py --relstorage``).
Then the copy is checked: every object's current pickle and transaction id
read back equal from PostgreSQL, the object count is the same, every blob's
SHA-256 is the same. Exit status 0 only when all of it holds. The source is
opened read-only and never changed.
"""

import argparse
import hashlib
import os
from pathlib import Path
import psycopg2
from relstorage import zodbconvert
import sys
import tempfile
from ZODB.blob import is_blob_record
from ZODB.config import storageFromString
from ZODB.utils import oid_repr

SOURCE = """
<blobstorage source>
  blob-dir {blobs}
  <filestorage>
    path {data_fs}
    read-only true
  </filestorage>
</blobstorage>
"""
# Must match instance/storage-relstorage.conf.in (what the clients open).
DESTINATION = """
%import relstorage
<relstorage destination>
  keep-history false
  shared-blob-dir false
  blob-dir {blob_cache}
  <postgresql>
    dsn {dsn}
  </postgresql>
</relstorage>
"""


def source_paths(source):
    source = Path(source).resolve()
    data_fs = source / "filestorage" / "Data.fs"
    blobs = source / "blobstorage"
    if not data_fs.exists():
        raise SystemExit(f"no {data_fs}: --source is the instance's data folder")
    return data_fs, blobs


def config(source, dsn, blob_cache):
    data_fs, blobs = source_paths(source)
    dsn = dsn.replace("$", "$$")  # ZConfig substitution
    return SOURCE.format(blobs=blobs, data_fs=data_fs) + DESTINATION.format(
        dsn=dsn, blob_cache=blob_cache
    )


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def count_rows(dsn):
    with psycopg2.connect(dsn) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM object_state")
        return cursor.fetchone()[0]


def convert(source, dsn, clear=False):
    """zodbconvert SOURCE -> DSN; raises SystemExit on its failure."""
    with tempfile.TemporaryDirectory(prefix="sirhp-convert-") as work:
        conf = Path(work) / "zodbconvert.conf"
        conf.touch(mode=0o600)  # the DSN holds the password
        conf.write_text(config(source, dsn, Path(work) / "blobcache"))
        zodbconvert.main(["zodbconvert", *(["--clear"] if clear else []), str(conf)])


def verify(source, dsn):
    """Compare the FileStorage and the RelStorage copy; returns the figures.

    Raises AssertionError naming the first object that differs.
    """
    data_fs, blobs = source_paths(source)
    with tempfile.TemporaryDirectory(prefix="sirhp-verify-") as work:
        src = storageFromString(SOURCE.format(blobs=blobs, data_fs=data_fs))
        dst = storageFromString(
            DESTINATION.format(
                dsn=dsn.replace("$", "$$"), blob_cache=Path(work) / "blobcache"
            )
        )
        objects = blob_count = 0
        try:
            cursor = None
            while True:
                oid, tid, data, cursor = src.record_iternext(cursor)
                copy, copy_tid = dst.load(oid)
                assert copy == data, f"object {oid_repr(oid)}: pickle differs"
                assert copy_tid == tid, f"object {oid_repr(oid)}: tid differs"
                objects += 1
                if is_blob_record(data):
                    before = sha256(src.loadBlob(oid, tid))
                    after = sha256(dst.loadBlob(oid, tid))
                    assert before == after, f"blob {oid_repr(oid)}: sha256 differs"
                    blob_count += 1
                if cursor is None:
                    break
            assert src.lastTransaction() == dst.lastTransaction(), "last tid differs"
        finally:
            src.close()
            dst.close()
    rows = count_rows(dsn)
    assert rows == objects, f"{rows} objects in PostgreSQL, {objects} in Data.fs"
    return {"objects": objects, "blobs": blob_count}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dsn", help="libpq DSN (scripts/postgres.py dsn)")
    parser.add_argument(
        "--source", default="var/instance", help="data folder (var/zeo for ZEO)"
    )
    parser.add_argument(
        "--clear", action="store_true", help="empty the destination first"
    )
    parser.add_argument(
        "--verify-only", action="store_true", help="compare, do not copy"
    )
    args = parser.parse_args(argv)
    os.umask(0o077)
    if not args.verify_only:
        convert(args.source, args.dsn, clear=args.clear)
    try:
        figures = verify(args.source, args.dsn)
    except AssertionError as error:
        sys.exit(f"copy differs from the source: {error}")
    print(
        "RelStorage copy identical to {source}: {objects} objects, "
        "{blobs} blobs (sha256)".format(source=args.source, **figures)
    )


if __name__ == "__main__":
    main()
