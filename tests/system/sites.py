"""One demo site per test run and per ``count``, copied into each system test.

Building a demo site (``zconsole run create_site.py --demo --count N``) takes
20-60 s; most system tests only need one to serve, write to, back up or
convert. The first test that asks for a ``count`` builds it exactly as the
tests did (a throw-away FileStorage instance of scripts/make_instance.py, the
real create_site.py) into a folder shared by the xdist workers of the run.
An ``fcntl.flock`` lock makes another worker wait instead of building it
twice or reading a half-built one: it is built in a temporary folder and
renamed when complete. A failed build is recorded: the next test asking for
it fails at once with the same output instead of building again.

``install_demo_site(var, count, tmp_path_factory)`` then copies into the
test's own data folder (before its servers start) what create_site wrote:
the Data.fs and its index, the blob folder, and the audit journal, the only
file it writes outside the ZODB (no badge or TOTP secret file: those are in
the ZODB). The journal is copied with the database so that its hash chain
matches it. Ports, instance paths (zope.conf) and processes stay the test's
own; a ZEO server simply serves the copied Data.fs.

The sites have the administrator ``AUTH`` and the default demo password: a
test needing other settings creates its own site.
"""

import fcntl
import importlib.util
import os
from pathlib import Path
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
AUTH = ("admin", "admin")
# Settings of the environment create_site.py would read: the built site must
# not depend on the shell the tests run from.
CLEARED = (
    "SIRHP_ADMIN_USER",
    "SIRHP_DEMO_PASSWORD",
    "SIRHP_DEMO_COUNT",
    "SIRHP_PUBLIC_URL",
    "SIRHP_TRUSTED_PROXIES",
)
JOURNAL = Path("audit") / "journal.sqlite"


def load_make_instance():
    spec = importlib.util.spec_from_file_location(
        "sirhp_make_instance", SCRIPTS / "make_instance.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shared_folder(tmp_path_factory):
    """The folder of this test run that every xdist worker sees."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # each worker's basetemp is a child of the run's
    return base / "demo-sites"


def shared_build(folder, name, build):
    """``folder/name``, made by ``build(path)`` once for all the processes
    sharing ``folder``; a process asking while another builds waits."""
    folder.mkdir(parents=True, exist_ok=True)
    ready, failed = folder / name, folder / f"{name}.failed"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if failed.exists():
                raise AssertionError(f"{name} failed to build:\n{failed.read_text()}")
            if not ready.is_dir():
                work = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=folder))
                try:
                    build(work / name)
                    (work / name).rename(ready)  # complete, or not there at all
                except BaseException as error:
                    failed.write_text(str(error) or repr(error))
                    raise
                finally:
                    shutil.rmtree(work, ignore_errors=True)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return ready


def create_demo_site(base, count, timeout=300):
    """The real ``create_site.py --demo --count N`` in a new FileStorage
    instance under ``base``: its data folder (``base/demo``)."""
    etc = load_make_instance().make("demo", host="127.0.0.1", base=base)
    env = dict(os.environ, SIRHP_ADMIN_PASSWORD=AUTH[1])
    for name in CLEARED:
        env.pop(name, None)
    stdout = run(
        sys.executable,  # this interpreter: the code under test
        "-m",
        "Zope2.utilities.zconsole",
        "run",
        etc / "zope.conf",
        SCRIPTS / "create_site.py",
        "--demo",
        "--count",
        count,
        env=env,
        timeout=timeout,
        cwd=base,
    )
    assert "Site 'sirhp' created" in stdout, stdout
    return base / "demo"


def run(*args, env, timeout=180, cwd=None):
    """Run ``args`` (made text) to the end; its stdout. Fails the test with
    the end of both outputs when it exits with an error."""
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def copy_site(source, target):
    """Copy the site's files from data folder ``source`` into ``target``."""
    (target / "filestorage").mkdir(parents=True, exist_ok=True)
    for name in ("Data.fs", "Data.fs.index"):
        shutil.copy2(source / "filestorage" / name, target / "filestorage" / name)
    shutil.copytree(source / "blobstorage", target / "blobstorage", dirs_exist_ok=True)
    (target / JOURNAL).parent.mkdir(parents=True, exist_ok=True)
    # SQLite's online backup: the journal whole, whatever its WAL holds
    with (
        sqlite3.connect(source / JOURNAL) as origin,
        sqlite3.connect(target / JOURNAL) as copy,
    ):
        origin.backup(copy)
    origin.close()
    copy.close()


def build_demo_site(target, count):
    """Build the demo site of ``count`` files per agency; keep its files."""
    instance = target.parent / "instance"
    instance.mkdir()
    copy_site(create_demo_site(instance, count), target)


def demo_site(count, tmp_path_factory):
    """The files of this run's demo site of ``count`` (built when first asked)."""
    return shared_build(
        shared_folder(tmp_path_factory),
        f"demo-{count}",
        lambda target: build_demo_site(target, count),
    )


def install_demo_site(var, count, tmp_path_factory):
    """Copy this run's demo site of ``count`` files per agency into the data
    folder ``var`` of an instance whose processes are not started yet (the
    ``--var`` of make_instance.py: a ZEO server's, or a FileStorage
    instance's home). Returns ``var``."""
    var = Path(var)
    data_fs = var / "filestorage" / "Data.fs"
    assert not data_fs.exists(), f"{data_fs} exists: a site is never overwritten"
    started = time.monotonic()
    source = demo_site(count, tmp_path_factory)
    ready = time.monotonic()
    copy_site(source, var)
    print(
        f"\ndemo site --count {count}: ready after {ready - started:.1f} s "
        f"(built or waited for), copied in {time.monotonic() - ready:.1f} s"
    )
    return var
