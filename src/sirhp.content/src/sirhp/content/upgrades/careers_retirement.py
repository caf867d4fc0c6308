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

from datetime import date
from plone import api
from sirhp.content.permissions import ViewRetirements
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import rules as referential_rules
from sirhp.content.retirement import rules
from sirhp.content.upgrades import add_date_index
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger
import transaction
from types import SimpleNamespace

NAME = "retirement_date"
ROLES = ("Manager", "Site Administrator")
BATCH = 1000


def index_files(today=None):
    """Index and store as metadata the retirement date of every file;
    returns how many files were indexed."""
    catalog = api.portal.get_tool("portal_catalog")
    if NAME not in catalog.schema():
        catalog.addColumn(NAME)
        logger.info("Added catalog column %s", NAME)
    tables = referentials.tables(at=today or date.today())
    index = catalog._catalog.getIndex(NAME)
    position = catalog._catalog.schema[NAME]
    data = catalog._catalog.data
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="PersonnelFile"):
        file = brain._unrestrictedGetObject()
        limit = referential_rules.age_limit(tables, brain.corps, brain.grade)
        value = rules.retirement_date(getattr(file, "birth_date", None), limit)
        rid = brain.getRID()
        index.index_object(rid, SimpleNamespace(retirement_date=value))
        record = list(data[rid])
        record[position] = value
        data[rid] = tuple(record)
        count += 1
        if count % BATCH == 0:
            transaction.savepoint(optimistic=True)
            logger.info("%d files indexed", count)
    return count


def upgrade(context):
    """Add the index and column, fill them, grant the permission's defaults.

    :param context: ``portal_setup``.
    """
    add_date_index(NAME)
    count = index_files()
    added = add_permission_roles(ViewRetirements, ROLES)
    logger.info(
        "careers (retirement): %d files indexed; %s given to %s",
        count,
        ViewRetirements,
        ", ".join(added) or "nobody new",
    )
