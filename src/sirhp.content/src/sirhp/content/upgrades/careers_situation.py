"""Careers: ``CareerEvent`` moved into its domain package.

The class left ``sirhp.content.content.career_event`` for
``sirhp.content.careers.content``. Only the FTI's ``klass`` and ``schema``
are set (the shared ``v1006.point_ftis``); objects stored before still name
the old module in the ZODB and load through ``sirhp.content.bbb``. The
catalog's ``object_provides`` keeps the old schema path until an event is
next written: career events are queried by portal type and by the
``ICareerEvent`` marker, never by schema, so none is reindexed (two or more
per file on a big site). The new fields (échelon, position, end date on the
act; échelon, indice, échelon date, region of origin on the file) are
schema-only: nothing to store. Re-runnable and logged.
"""

from sirhp.content.upgrades import logger
from sirhp.content.upgrades import v1006

# portal type -> its module now
MOVED = {"CareerEvent": "sirhp.content.careers.content"}
# portal type -> its module before (kept loading by sirhp.content.bbb)
OLD_MODULES = {"CareerEvent": "sirhp.content.content.career_event"}


def upgrade(context):
    """``context``: portal_setup. Returns what changed ({type: {property:
    value}}; empty when already done)."""
    changed = v1006.point_ftis(MOVED, step="careers")
    logger.info("sirhp.content: CareerEvent in sirhp.content.careers")
    return changed
