"""Careers, retirement: the ``retirement_date`` index and metadata column,
and the permission ``sirhp: View retirements``.

The date derives from the birth date (not in the catalog: each file is
loaded once) and the corps and grade (catalog metadata), with the
référentiels read once. The index and the metadata column are written
directly (no other index or column is recomputed), with a savepoint every
``BATCH`` files. The permission gets its default roles added to whatever the
site grants (sirhp.policy adds the SIRHP roles, in either order).
Re-runnable and logged.
"""

from sirhp.content.permissions import ViewRetirements
from sirhp.content.retirement.api import reindex_retirement_dates
from sirhp.content.upgrades import add_date_index
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger

NAME = "retirement_date"
ROLES = ("Manager", "Site Administrator")


def upgrade(context):
    """Add the index and column, fill them, grant the permission's defaults.

    :param context: ``portal_setup``.
    """
    add_date_index(NAME)
    count = reindex_retirement_dates()
    added = add_permission_roles(ViewRetirements, ROLES)
    logger.info(
        "careers (retirement): %d files indexed; %s given to %s",
        count,
        ViewRetirements,
        ", ".join(added) or "nobody new",
    )
