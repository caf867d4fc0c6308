"""Who validates a restricted document (sirhp.content.domain.four_eyes): no
Plone layer."""

import pytest
from sirhp.content.domain.four_eyes import ADMINISTRATOR
from sirhp.content.domain.four_eyes import may_validate_restricted
from sirhp.content.domain.four_eyes import OTHER_HR_MANAGER
from sirhp.content.domain.four_eyes import restricted_validator

ONE = {"hr1"}
TWO = {"hr1", "hr2"}


@pytest.mark.parametrize(
    "submitter, managers, expected",
    [
        ("hr1", ONE, ADMINISTRATOR),  # the only HR manager: the dead end
        ("hr1", TWO, OTHER_HR_MANAGER),
        ("clerk", ONE, OTHER_HR_MANAGER),  # submitted by someone else
        ("admin", set(), ADMINISTRATOR),  # an agency without HR manager
        (None, ONE, OTHER_HR_MANAGER),
    ],
)
def test_restricted_validator(submitter, managers, expected):
    assert restricted_validator(submitter, managers) == expected


@pytest.mark.parametrize(
    "user, submitter, managers, allowed",
    [
        # the submitter never
        ("hr1", "hr1", ONE, False),
        ("hr1", "hr1", TWO, False),
        ("admin", "admin", set(), False),
        # another HR manager of the agency
        ("hr2", "hr1", TWO, True),
        ("hr1", "clerk", ONE, True),
        # an administrator only when no other HR manager can
        ("admin", "hr1", ONE, True),
        ("admin", "hr1", TWO, False),
        ("admin", "clerk", ONE, False),
        ("admin", None, set(), True),
        # nobody without an id
        (None, "hr1", ONE, False),
        ("", "hr1", ONE, False),
    ],
)
def test_may_validate_restricted(user, submitter, managers, allowed):
    assert may_validate_restricted(user, submitter, managers) is allowed
