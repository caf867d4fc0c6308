"""A throwaway PostgreSQL cluster for tests (scripts/postgres.py), in
/tmp/s6-pgjournal-* on a free port of 19200-19299; always stopped."""

import contextlib
from pathlib import Path
import shutil
import tempfile
from tests.scripts import load_script
from tests.system.ports import free_ports

PORTS = range(19200, 19300)


def load_postgres():
    return load_script("scripts/postgres.py")


class Server:
    def __init__(self, folder, port):
        self.folder = folder
        self.data = folder / "postgres"
        self.port = port
        self.script = load_postgres()
        self.dsn = None

    def start(self):
        self.dsn = self.script.start(self.data, self.port)
        return self.dsn

    def kill(self):
        """A crash: every server process ends at once, no checkpoint."""
        self.script.run_tool(
            "pg_ctl", "stop", "-w", "-m", "immediate", "-D", self.data, check=False
        )

    def stop(self):
        self.script.stop(self.data)

    def superuser(self, sql):
        """``sql`` run by the cluster's superuser in the SIRHP database."""
        return self.script.psql(self.data, self.port, sql, database="sirhp")

    def log(self):
        path = self.data / "postgres.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


@contextlib.contextmanager
def postgres_server(folder=None):
    """A running cluster (``Server``); stopped and removed on exit."""
    own = folder is None
    folder = folder or Path(tempfile.mkdtemp(prefix="s6-pgjournal-", dir="/tmp"))
    folder.chmod(0o755)  # the postgres user enters it to reach its data folder
    (port,) = free_ports(1, port_range=PORTS)
    server = Server(folder, port)
    try:
        server.start()
        yield server
    finally:
        server.kill()  # thrown away: no checkpoint to wait for
        if own:
            shutil.rmtree(folder, ignore_errors=True)
