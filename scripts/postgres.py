"""A local PostgreSQL cluster for SIRHP on RelStorage (several Zope clients).

Usage::

    python scripts/postgres.py start [--dir var/postgres] [--port 5433]
    python scripts/postgres.py run   ...   # start, wait, stop on SIGTERM/SIGINT
    python scripts/postgres.py stop  [--dir var/postgres]
    python scripts/postgres.py dsn   [--dir var/postgres]

``start`` creates the cluster the first time (``initdb`` into ``--dir``),
starts it with ``pg_ctl`` on 127.0.0.1:``--port`` (socket in the data folder,
never /var/run/postgresql: a second cluster on the host does not collide),
then creates the role and the database of SIRHP if missing and prints the
DSN. The password is generated once and kept, with the DSN, in
``<dir>.dsn`` (mode 0600, next to the data folder). ``run`` is what
``scripts/supervise.py`` starts (``make start-relstorage``). The server
binaries are Debian's (``/usr/lib/postgresql/<version>/bin``, the newest);
as root they run as the ``postgres`` user (``runuser``), which owns the data
folder: PostgreSQL refuses to run as root.
"""

import argparse
import os
from pathlib import Path
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import threading

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "var" / "postgres"
DEFAULT_PORT = 5433  # not 5432: Debian's own cluster may listen there
SERVICE_USER = "postgres"


def server_bin():
    """The folder of the newest installed PostgreSQL server binaries."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: (
            int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    sys.exit("PostgreSQL server not found: apt-get install -y postgresql")


def as_owner(argv):
    """``argv`` run as the owner of the cluster (postgres when we are root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", SERVICE_USER, "--", *argv]
    return list(argv)


def run_tool(name, *args, check=True, **kwargs):
    return subprocess.run(
        as_owner([str(server_bin() / name), *map(str, args)]),
        check=check,
        cwd="/",  # the postgres user may not enter the caller's folder
        **kwargs,
    )


def dsn_file(data):
    return data.parent / f"{data.name}.dsn"


def read_dsn(data):
    path = dsn_file(data)
    return path.read_text().strip() if path.exists() else None


def make_dsn(port, user, database, password):
    return (
        f"dbname={database} user={user} password={password} host=127.0.0.1 port={port}"
    )


def init(data):
    """initdb into ``data`` unless it holds a cluster already."""
    if (data / "PG_VERSION").exists():
        return False
    data.mkdir(parents=True, exist_ok=True)
    data.chmod(0o700)
    if os.geteuid() == 0:
        owner = pwd.getpwnam(SERVICE_USER)
        os.chown(data, owner.pw_uid, owner.pw_gid)
        probe = subprocess.run(
            ["runuser", "-u", SERVICE_USER, "--", "test", "-w", str(data)],
            check=False,
        )
        if probe.returncode:
            sys.exit(
                f"the {SERVICE_USER} user cannot reach {data}: "
                "choose a --dir whose parent folders it may enter"
            )
    # Local socket (in the data folder, mode 0700): its owner only, trusted.
    # TCP on 127.0.0.1: the SIRHP role with its password (scram-sha-256).
    run_tool(
        "initdb",
        "-D",
        data,
        "-U",
        "postgres",
        "-E",
        "UTF8",
        "--locale",
        "C",
        "--auth-local",
        "trust",
        "--auth-host",
        "scram-sha-256",
        stdout=subprocess.DEVNULL,
    )
    return True


def is_running(data):
    status = run_tool(
        "pg_ctl", "status", "-D", data, check=False, stdout=subprocess.DEVNULL
    )
    return status.returncode == 0


def psql(data, port, sql, database="postgres"):
    result = run_tool(
        "psql",
        "-h",
        data,
        "-p",
        port,
        "-U",
        "postgres",
        "-d",
        database,
        "-v",
        "ON_ERROR_STOP=1",
        "-tAc",
        sql,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def ensure_database(data, port, user, database):
    """The role and database of SIRHP (created once); returns the DSN."""
    known = read_dsn(data)
    if known is None:
        password = secrets.token_urlsafe(24)
    else:
        password = dict(part.split("=", 1) for part in known.split())["password"]
    # the port of this start (it may differ from the first one)
    dsn = make_dsn(port, user, database, password)
    if not psql(data, port, f"SELECT 1 FROM pg_roles WHERE rolname = '{user}'"):
        psql(data, port, f"CREATE ROLE \"{user}\" LOGIN PASSWORD '{password}'")
    if not psql(data, port, f"SELECT 1 FROM pg_database WHERE datname = '{database}'"):
        psql(data, port, f'CREATE DATABASE "{database}" OWNER "{user}"')
    path = dsn_file(data)
    path.touch(mode=0o600)
    path.write_text(dsn + "\n")
    return dsn


def start(data, port, user="sirhp", database="sirhp"):
    """Create if needed and start the cluster; returns the DSN."""
    init(data)
    if not is_running(data):
        run_tool(
            "pg_ctl",
            "start",
            "-w",
            "-t",
            "60",
            "-D",
            data,
            "-l",
            data / "postgres.log",
            "-o",
            f"-p {port} -h 127.0.0.1 -k {data}",
            stdout=subprocess.DEVNULL,
        )
    return ensure_database(data, port, user, database)


def stop(data):
    if (data / "PG_VERSION").exists() and is_running(data):
        run_tool(
            "pg_ctl", "stop", "-w", "-m", "fast", "-D", data, stdout=subprocess.DEVNULL
        )


def run(data, port, user="sirhp", database="sirhp"):
    """Start, stay in the foreground while the server runs, stop on a signal."""
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    start(data, port, user, database)
    print(f"PostgreSQL on 127.0.0.1:{port} (data in {data})", flush=True)
    try:
        while not stopping.wait(2.0):
            if not is_running(data):
                sys.exit("PostgreSQL stopped")  # the supervisor starts us again
    finally:
        stop(data)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("start", "run", "stop", "dsn"))
    parser.add_argument("--dir", default=str(DEFAULT_DIR), help="data folder")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--user", default="sirhp")
    parser.add_argument("--database", default="sirhp")
    args = parser.parse_args(argv)
    data = Path(args.dir).resolve()
    if args.command == "start":
        print(start(data, args.port, args.user, args.database))
    elif args.command == "run":
        run(data, args.port, args.user, args.database)
    elif args.command == "stop":
        stop(data)
    else:
        dsn = read_dsn(data)
        if dsn is None:
            sys.exit(f"no {dsn_file(data)}: run `postgres.py start` first")
        print(dsn)


if __name__ == "__main__":
    main()
