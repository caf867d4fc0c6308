"""1010 -> 1011, each step re-runnable and logged:

- ``indicators``: the ``birth_date`` index (age pyramid of the dashboard,
  an index only), ``sirhp: View indicators`` for administrators.

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import indicators
from sirhp.content.upgrades import logger

STEPS = (indicators,)


def upgrade(context):
    """``context``: portal_setup."""
    for step in STEPS:
        step.upgrade(context)
    logger.info("sirhp.content upgraded to 1011")
