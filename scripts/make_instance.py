"""Render the instance templates (instance/*.in) into var/<name>/etc/.

Usage: python scripts/make_instance.py NAME [--port 8080] [--host 127.0.0.1]
       [--zeo 127.0.0.1:8100 | --relstorage DSN] [--var DIR] [--threads 2]

The Zope client listens on 127.0.0.1 by default: in production only the
front end (nginx, on the same host) reaches it. ``--host 0.0.0.0`` (or a
private address) only when the front end runs on another machine of a
closed network, or to try the demo from another computer.

Without --zeo the instance owns an embedded FileStorage in var/NAME/; with
--zeo it is a ZEO client of that server (its blobs shared with the server's
folder given by --var). With --relstorage it is a RelStorage client of that
PostgreSQL DSN (``dbname=sirhp user=sirhp password=... host=... port=...``):
history-free, blobs in the database, var/NAME/blobcache a local cache
(instance/storage-relstorage.conf.in says why); its audit journal and login
counters are in the same PostgreSQL database (``SIRHP_AUDIT_DSN``, one
journal for every host), or in the one given by --audit-dsn.
"""

import argparse
import os
from pathlib import Path
import shutil

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "instance"
# loopback only: the front end on the same host is the way in
DEFAULT_HOST = "127.0.0.1"
# Request threads of one Zope process. Python runs one thread of a process
# at a time, so more threads only overlap waits (database loads, blob reads,
# the journal), while every request in progress widens the window in which
# two requests write the same catalog tree (a ZODB conflict, retried, then
# a French 503). Measured with twenty clerks on a loaded 2-core machine, two
# ZEO clients (docs/benchmarks.md): 4 threads each, 97 conflicts and 4/180
# requests refused, 61 s; 2 threads, 37 and 1/180, 46 s. Two keep a health
# probe or a short page answered while one long export runs; more load is
# served by more processes (ZEO clients), not more threads.
DEFAULT_THREADS = 2


def render(name, text, **values):
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def storage_section(zeo=None, relstorage=None):
    """The <zodb_db main> section: FileStorage, ZEO client or RelStorage."""
    if zeo and relstorage:
        raise ValueError("--zeo and --relstorage exclude each other")
    if zeo:
        template = TEMPLATES / "storage-zeoclient.conf.in"
        return render("s", template.read_text(), zeo_address=zeo)
    if relstorage:
        if "\n" in relstorage:
            raise ValueError("the DSN is one line")
        template = TEMPLATES / "storage-relstorage.conf.in"
        # ZConfig reads $NAME as a substitution: a literal $ is written $$
        dsn = relstorage.replace("$", "$$")
        return render("s", template.read_text(), dsn=dsn)
    return (TEMPLATES / "storage-filestorage.conf.in").read_text()


def audit_dsn_line(dsn):
    """The ``<environment>`` line of a PostgreSQL audit store ('' for none)."""
    if not dsn:
        return ""
    if "\n" in dsn:
        raise ValueError("the DSN is one line")
    return (
        "  # on PostgreSQL instead (wins over SIRHP_AUDIT_DB): one journal and\n"
        "  # one login throttle for every host (sirhp.policy.audit.db)\n"
        f"  SIRHP_AUDIT_DSN {dsn.replace('$', '$$')}\n"
    )


def chameleon_cache():
    """Where Chameleon keeps the compiled page templates: the instance's
    ``cache`` folder, or the folder named by ``CHAMELEON_CACHE`` when it is
    set here (several instances of one host then compile each template
    once; the test suite sets it)."""
    folder = os.environ.get("CHAMELEON_CACHE")
    if not folder:
        return "$VAR/cache"
    Path(folder).mkdir(parents=True, exist_ok=True)
    return str(Path(folder).resolve()).replace("$", "$$")


def make(
    name,
    port=8080,
    host=DEFAULT_HOST,
    zeo=None,
    var=None,
    base=None,
    relstorage=None,
    audit_dsn=None,
    threads=DEFAULT_THREADS,
):
    """Write the instance NAME into BASE/NAME (BASE defaults to ROOT/var)."""
    if int(threads) < 1:
        raise ValueError("a Zope process needs at least one request thread")
    home = (Path(base).resolve() if base else ROOT / "var") / name
    var = Path(var).resolve() if var else home
    etc = home / "etc"
    for folder in (
        etc,
        var / "log",
        var / "cache",
        var / "filestorage",
        var / "blobstorage",
        var / "mail",
        home / "log",
    ):
        folder.mkdir(parents=True, exist_ok=True)
    storage = storage_section(zeo=zeo, relstorage=relstorage)
    conf = render(
        "zope.conf",
        (TEMPLATES / "zope.conf.in").read_text(),
        instance=home,
        var=var,
        storage=storage,
        audit_dsn=audit_dsn_line(audit_dsn or relstorage),
        chameleon_cache=chameleon_cache(),
    )
    (etc / "zope.conf").write_text(conf)
    if relstorage or audit_dsn:
        (etc / "zope.conf").chmod(0o600)  # the DSN holds the database password
    (etc / "zope.ini").write_text(
        render(
            "zope.ini",
            (TEMPLATES / "zope.ini.in").read_text(),
            host=host,
            port=port,
            threads=int(threads),
            var=home,
        )
    )
    shutil.copy(TEMPLATES / "site.zcml", etc / "site.zcml")
    if zeo:
        (etc / "zeo.conf").write_text(
            render(
                "zeo.conf",
                (TEMPLATES / "zeo.conf.in").read_text(),
                zeo_address=zeo,
                var=var,
            )
        )
    return etc


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help="listen address (default: loopback)"
    )
    parser.add_argument("--zeo", default=None, help="ZEO server address host:port")
    parser.add_argument(
        "--relstorage",
        default=None,
        metavar="DSN",
        help="RelStorage on PostgreSQL: libpq DSN (scripts/postgres.py dsn)",
    )
    parser.add_argument(
        "--audit-dsn",
        default=None,
        metavar="DSN",
        help="audit journal and login counters in PostgreSQL (default with "
        "--relstorage: its DSN; else the SQLite file of the instance)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=DEFAULT_THREADS,
        help=f"request threads of the process (default {DEFAULT_THREADS}; "
        "more load: more ZEO clients, not more threads)",
    )
    parser.add_argument("--var", default=None, help="data folder (ZEO: the shared one)")
    parser.add_argument("--base", default=None, help="parent of the instance (var/)")
    args = parser.parse_args()
    etc = make(
        args.name,
        port=args.port,
        host=args.host,
        zeo=args.zeo,
        var=args.var,
        base=args.base,
        relstorage=args.relstorage,
        audit_dsn=args.audit_dsn,
        threads=args.threads,
    )
    print(f"instance written to {etc}")


if __name__ == "__main__":
    main()
