"""Careers, collective decisions as batches: the ``collective_decision``
FieldIndex of career acts.

The index starts empty and is right so: before this version no act belonged
to a collective decision (the attribute did not exist), so no object is
woken. Re-runnable and logged.
"""

from sirhp.content.upgrades import add_indexes
from sirhp.content.upgrades import logger

NAME = "collective_decision"


def upgrade(context):
    """Add the ``collective_decision`` index if missing.

    :param context: ``portal_setup``.
    """
    add_indexes([NAME])
    logger.info("careers (collective): index %s present", NAME)
