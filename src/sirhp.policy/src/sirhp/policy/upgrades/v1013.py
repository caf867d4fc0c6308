"""1012 -> 1013, each step re-runnable and logged:

- ``matricule_sequence``: each agency's matricule sequence (prefix and next
  number after the highest on a file) for files created from recruitment;
- ``indicators``: the dashboard (``sirhp: View indicators``) for HR
  managers and auditors.

Take a backup first (docs/operations.md).
"""

from sirhp.policy.upgrades import indicators
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import matricule_sequence

STEPS = (matricule_sequence, indicators)


def upgrade(context):
    """``context``: portal_setup."""
    for step in STEPS:
        step.upgrade(context)
    logger.info("sirhp.policy upgraded to 1013")
