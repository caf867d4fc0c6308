"""1008 -> 1009: careers, first part (the site's side).

In this order, each re-runnable and logged (after sirhp.content's 1007):

- ``careers_referentials``: HR managers manage the référentiels; the panel
  is listed in the site setup;
- ``careers_retirement``: HR managers and auditors see retirements;
- ``careers_leave``: the leave workflow, who may request and decide leave.

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import run_steps
from sirhp.policy.upgrades import careers_leave
from sirhp.policy.upgrades import careers_referentials
from sirhp.policy.upgrades import careers_retirement
from sirhp.policy.upgrades import logger

STEPS = (careers_referentials, careers_retirement, careers_leave)


def upgrade(context):
    """``context``: portal_setup."""
    run_steps(
        context, STEPS, logger, "sirhp.policy upgraded to 1009 (careers, first part)"
    )
