"""1009 -> 1010, each step re-runnable and logged:

- ``concurrency``: versioned objects get their history ids from a
  generator that writes nothing (``base/historyids.py``): two clerks adding
  records at the same time no longer conflict on one shared counter.

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import concurrency
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import run_steps

STEPS = (concurrency,)


def upgrade(context):
    """``context``: portal_setup."""
    run_steps(context, STEPS, logger, "sirhp.content upgraded to 1010")
