"""1015 -> 1016, re-runnable and logged:

- ``state_titles``: an evaluation waiting for its officer is "En attente
  de l'agent".

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import run_steps
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import state_titles

STEPS = (state_titles,)


def upgrade(context):
    """``context``: portal_setup."""
    run_steps(context, STEPS, logger, "sirhp.policy upgraded to 1016")
