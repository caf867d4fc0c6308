"""Unit tests need no Plone layer: do not set one up for them.

The root conftest pins the integration and functional layers for the whole
session with autouse fixtures; these no-op fixtures of the same names take
their place under tests/unit/, so ``pytest tests/unit`` runs in seconds.
"""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _keep_functional_session():
    """No functional layer for unit tests."""


@pytest.fixture(autouse=True, scope="session")
def _keep_integration_session():
    """No integration layer for unit tests."""
