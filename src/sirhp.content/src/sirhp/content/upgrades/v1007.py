"""1006 -> 1007: careers, first part.

In this order, each re-runnable and logged:

- ``careers_situation``: ``CareerEvent`` in ``sirhp.content.careers`` (its
  FTI names the new class; acts stored before still load, ``bbb``);
- ``careers_referentials``: the versioned référentiels record (empty: the
  shipped tables) and ``sirhp: Manage référentiels``;
- ``careers_retirement``: the ``retirement_date`` index and column, filled
  for every file, and ``sirhp: View retirements``;
- ``careers_leave``: leave requests (type, indexes and columns, permissions).

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import careers_leave
from sirhp.content.upgrades import careers_referentials
from sirhp.content.upgrades import careers_retirement
from sirhp.content.upgrades import careers_situation
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import run_steps

STEPS = (careers_situation, careers_referentials, careers_retirement, careers_leave)


def upgrade(context):
    """``context``: portal_setup."""
    run_steps(
        context, STEPS, logger, "sirhp.content upgraded to 1007 (careers, first part)"
    )
