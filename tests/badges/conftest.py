"""Shared helpers of the badge tests."""

from plone import api
import pytest
from sirhp.policy.badges.verify import LIMITER


@pytest.fixture(autouse=True)
def _fresh_rate_limiter():
    """Each test starts with an empty rate limiter (it lives in memory)."""
    LIMITER.reset()
    yield
    LIMITER.reset()


def request_badge(file, user="clerk.pn", **data):
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=file, type="Badge", id="carte", safe_id=True, **data
        )


def print_badge(badge, user="clerk.pn"):
    from sirhp.content.badges.api import print_batch

    with api.env.adopt_user(username=user):
        return print_batch(badges=[badge])


def give_photo(file, seed=1):
    from sirhp.content.badges.api import set_photo
    from sirhp.policy.setuphandlers.photos import synthetic_photo

    set_photo(file=file, data=synthetic_photo(seed))
