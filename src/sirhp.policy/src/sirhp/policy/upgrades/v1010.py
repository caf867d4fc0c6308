"""1009 -> 1010: careers, second part (the site's side).

In this order, each re-runnable and logged (after sirhp.content's 1008):

- ``careers_check``: HR managers and auditors run the careers consistency
  check;
- ``careers_discipline``: HR managers, auditors and the officer read the
  disciplinary fields; existing sanction and suspension acts are restricted
  like medical documents.

Take a backup first (docs/operations.md).
"""

from sirhp.policy.upgrades import careers_check
from sirhp.policy.upgrades import careers_discipline
from sirhp.policy.upgrades import logger

STEPS = (careers_check, careers_discipline)


def upgrade(context):
    """``context``: portal_setup."""
    for step in STEPS:
        step.upgrade(context)
    logger.info("sirhp.policy upgraded to 1010 (careers, second part)")
