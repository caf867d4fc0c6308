"""Operate the audit journal, SQLite file or PostgreSQL (no Zope needed).

Usage:
  python scripts/audit_journal.py verify [--db PATH|DSN] [--expect HEAD]
  python scripts/audit_journal.py head   [--db PATH|DSN]
  python scripts/audit_journal.py backup DEST [--db PATH]
  python scripts/audit_journal.py copy DSN [--db PATH]

The journal is --db, else $SIRHP_AUDIT_DSN (PostgreSQL: ``postgresql://...``
or ``dbname=... host=...``, as in the RelStorage clients' zope.conf), else
$SIRHP_AUDIT_DB, else var/instance/audit/journal.sqlite.
``verify`` recomputes the hash chain (exit 1 on the first broken row) and,
with ``--expect``, checks that an anchored head is still in the journal.
``backup`` copies the live SQLite file safely (online backup, WAL included);
a PostgreSQL journal is in the database's ``pg_dump``. ``copy`` moves a
host's SQLite journal into an empty PostgreSQL one (a site moved to
RelStorage), row for row: the chain and its head stay the same, so heads
anchored before still verify (exit 1 if the copy does not verify).
"""

import argparse
import os
from pathlib import Path
import sqlite3
import sys

ROOT = Path(__file__).resolve().parent.parent


def main():
    from sirhp.policy.audit import db
    from sirhp.policy.audit.journal import Journal

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["verify", "head", "backup", "copy"])
    parser.add_argument("dest", nargs="?")
    parser.add_argument(
        "--db",
        default=os.environ.get("SIRHP_AUDIT_DSN")
        or os.environ.get(
            "SIRHP_AUDIT_DB", str(ROOT / "var/instance/audit/journal.sqlite")
        ),
    )
    parser.add_argument("--expect", default=None, help="a head recorded earlier")
    args = parser.parse_args()
    postgresql = db.is_postgresql(args.db)
    if not postgresql and not db.file_path(args.db).exists():
        sys.exit(f"no journal at {args.db}")
    journal = Journal(args.db)
    if args.command == "head":
        print(journal.head())
    elif args.command == "verify":
        result = journal.verify(expected_head=args.expect)
        print(
            f"{'OK' if result.ok else 'BROKEN'}: {result.checked} events checked, "
            f"head {result.head}"
            + (
                f", first bad event {result.first_bad_id}"
                if result.first_bad_id
                else ""
            )
        )
        sys.exit(0 if result.ok else 1)
    elif args.command == "copy":
        if not args.dest or not db.is_postgresql(args.dest):
            sys.exit("copy needs the DSN of a PostgreSQL journal")
        target = Journal(args.dest)
        copied = copy(journal, target)
        result = target.verify()
        same = result.ok and result.head == journal.head()
        print(
            f"{'OK' if same else 'BROKEN'}: {copied} events copied, head {result.head}"
        )
        sys.exit(0 if same else 1)
    else:
        if not args.dest:
            sys.exit("backup needs a destination file")
        if postgresql:
            sys.exit("a PostgreSQL journal is backed up with pg_dump")
        target = sqlite3.connect(args.dest)
        journal.connection.backup(target)
        target.close()
        print(f"journal copied to {args.dest} (head {journal.head()})")


def copy(source, target):
    """Every row of ``source`` into the empty ``target``, in one transaction."""
    from sirhp.policy.audit import db
    from sirhp.policy.audit.journal import COLUMNS
    from sirhp.policy.audit.journal import INSERT

    if target.count():
        sys.exit("the target journal is not empty: nothing copied")
    connection = target.connection
    copied = 0
    db.begin_write(connection, "audit_events")
    try:
        for row in source.rows_in_order():
            connection.execute(INSERT, [row[name] for name in COLUMNS])
            copied += 1
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return copied


if __name__ == "__main__":
    main()
