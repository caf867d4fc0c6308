"""pytest fixtures: the SIRHP layers through pytest-plone."""

import os
from pathlib import Path
import pytest
from pytest_plone import fixtures_factory
from sirhp.policy.testing import FUNCTIONAL_TESTING
from sirhp.policy.testing import INTEGRATION_TESTING
import tempfile

os.environ.setdefault("zope_i18n_compile_mo_files", "true")
# Notifications are written as .eml files here, never sent (README: mail).
MAIL_DIR = Path(tempfile.gettempdir()) / f"sirhp-test-mail-{os.getpid()}"
os.environ["SIRHP_MAIL_DIR"] = str(MAIL_DIR)

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


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
