"""1011 -> 1012, each step re-runnable and logged:

- ``campaign_opening``: HR managers open a campaign (its evaluations
  created in one action);
- ``legacy_import``: records clerks and HR managers import a legacy
  register (``sirhp: Import personnel files``), the ``nina`` index.

Take a backup first (docs/operations.md).
"""

from sirhp.policy.upgrades import campaign_opening
from sirhp.policy.upgrades import legacy_import
from sirhp.policy.upgrades import logger

STEPS = (campaign_opening, legacy_import)


def upgrade(context):
    """``context``: portal_setup."""
    for step in STEPS:
        step.upgrade(context)
    logger.info("sirhp.policy upgraded to 1012")
