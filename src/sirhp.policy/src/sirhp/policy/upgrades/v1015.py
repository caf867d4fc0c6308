"""1014 -> 1015, re-runnable and logged:

- ``campaign_openers``: opening an evaluation campaign is for HR managers
  only (the site administrators could not add the evaluations).

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import run_steps
from sirhp.policy.upgrades import campaign_openers
from sirhp.policy.upgrades import logger

STEPS = (campaign_openers,)


def upgrade(context):
    """``context``: portal_setup."""
    run_steps(context, STEPS, logger, "sirhp.policy upgraded to 1015")
