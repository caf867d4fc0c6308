"""pytest fixtures: the SIRHP layers through pytest-plone."""

import os
import pytest
from pytest_plone import fixtures_factory
from sirhp.policy.testing import FUNCTIONAL_TESTING
from sirhp.policy.testing import INTEGRATION_TESTING

os.environ.setdefault("zope_i18n_compile_mo_files", "true")

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
