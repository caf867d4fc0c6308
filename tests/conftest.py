"""pytest fixtures: the SIRHP layers through pytest-plone."""

import os
from pathlib import Path
import pytest
from pytest_plone import fixtures_factory
from sirhp.policy.testing import FUNCTIONAL_TESTING
from sirhp.policy.testing import GZIP_SERVER_FIXTURE
from sirhp.policy.testing import INTEGRATION_TESTING
from sirhp.policy.testing import WEIGHT_TESTING
import tempfile

os.environ.setdefault("zope_i18n_compile_mo_files", "true")
# Compiled page templates in one folder for every process of the run: the
# test processes pytest-xdist starts (they inherit this variable) and the
# Zope instances the system tests write (scripts/make_instance.py reads it).
# Each template is compiled once, not once per process. This process has
# imported Chameleon already (pytest-plone's plugin): run without -n, it
# compiles in memory as before. Outside the checkout: the system tests
# check that their instances write nothing into its var/.
_CHAMELEON = Path(tempfile.gettempdir()) / "sirhp-chameleon-cache"
os.environ.setdefault("CHAMELEON_CACHE", str(_CHAMELEON))
Path(os.environ["CHAMELEON_CACHE"]).mkdir(parents=True, exist_ok=True)
# Notifications are written as .eml files here, never sent (README: mail).
MAIL_DIR = Path(tempfile.gettempdir()) / f"sirhp-test-mail-{os.getpid()}"
os.environ["SIRHP_MAIL_DIR"] = str(MAIL_DIR)

pytest_plugins = ["pytest_plone"]


def _compile_translations(config):
    """Compile every translation catalogue once, before any test process
    starts. Zope compiles stale ``.mo`` files when a layer loads the ZCML;
    with several test processes (``make test``: pytest-xdist) each did it at
    once on a fresh install, and one read a ``.mo`` another was writing
    (``struct.error`` in ``registerTranslations``)."""
    if hasattr(config, "workerinput"):
        return  # a worker: the controller did it before starting it
    import sys
    from zope.i18n.compile import compile_mo_file

    roots = {Path(path) for path in sys.path if path.endswith("site-packages")}
    roots.add(Path(__file__).resolve().parent.parent / "src")
    for root in roots:
        for po_file in root.glob("**/LC_MESSAGES/*.po"):
            compile_mo_file(po_file.stem, str(po_file.parent))


globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


# The gzip server (page weight) only for the tests that ask for it: the
# functional layer of every other test keeps its plain server.
globals().update(fixtures_factory(((WEIGHT_TESTING, "weight"),), keep_session=False))


@pytest.fixture
def weight_url(weight):
    """The portal's URL on the gzip server (not another layer's server)."""
    server = GZIP_SERVER_FIXTURE
    return f"http://{server.host}:{server.port}/{weight['portal'].getId()}"


@pytest.fixture
def testdata():
    from sirhp.policy import testdata

    return testdata


@pytest.fixture
def mail_dir():
    """The folder notifications are written to, emptied for the test."""
    import shutil

    shutil.rmtree(MAIL_DIR, ignore_errors=True)
    MAIL_DIR.mkdir(parents=True)
    return MAIL_DIR


def pytest_configure(config):
    """``SIRHP_TEST_TODAY=2031-07-14 pytest tests/unit tests/content`` runs the
    tests as if today were that day: test data and rules must not depend on
    the calendar. (Not for the TOTP tests: pyotp reads the real clock.)"""
    _compile_translations(config)
    today = os.environ.get("SIRHP_TEST_TODAY")
    if today:
        from contextlib import ExitStack
        from datetime import date
        from tests.clock import clock_on

        config._sirhp_clock = ExitStack()
        config._sirhp_clock.enter_context(clock_on(date.fromisoformat(today)))


def pytest_unconfigure(config):
    clock = getattr(config, "_sirhp_clock", None)
    if clock is not None:
        clock.close()


# The longest test files (a few minutes each on two cores), longest first:
# ``make test`` runs files in several processes (pytest-xdist, a file stays
# in one), which take the next file as they finish one. Started first, the
# long ones run beside the many short ones, and the processes end together
# instead of one finishing a long file alone. A file missing here only
# loses its place; the measure is ``pytest --durations`` or the junit XML.
LONGEST_FIRST = (
    "tests/security/test_access_tables.py",
    "tests/security/test_representations.py",
    "tests/system/test_migrate_command.py",
    "tests/system/test_concurrency.py",
    "tests/system/test_fault_drills_disk.py",
    "tests/system/test_supervise.py",
    "tests/system/test_fault_drills.py",
    "tests/system/test_relstorage.py",
    "tests/security/test_access_in_process.py",
    "tests/system/test_offline_install.py",
    "tests/system/test_pg_journal.py",
    "tests/system/test_create_site.py",
    "tests/browser/test_page_weight.py",
    "tests/browser/test_accessibility.py",
    "tests/browser/test_careers.py",
    "tests/security/test_hostile_inputs.py",
    "tests/system/test_backup_restore.py",
)


def pytest_collection_modifyitems(session, config, items):
    """Files of ``LONGEST_FIRST`` first, in its order; the others after, in
    their usual order (a stable sort: each file's tests keep theirs)."""
    rank = {path: index for index, path in enumerate(LONGEST_FIRST)}
    root = Path(str(config.rootpath))

    def key(item):
        path = Path(str(item.path))
        if not path.is_relative_to(root):
            return len(rank)  # a test outside the checkout: its usual place
        return rank.get(path.relative_to(root).as_posix(), len(rank))

    items.sort(key=key)
