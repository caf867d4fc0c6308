"""Deployment (staff finder): its catalog indexes, filled for the objects
that have values only, and the defaults of its permissions.

- ``skill_level`` and ``driving_licences`` (KeywordIndex), ``birth_date``
  (FieldIndex) on personnel files;
- ``training_course`` and ``training_valid_until`` (FieldIndex) on training
  acts (``CareerEvent`` of type ``training``);
- ``sirhp: Search staff for deployment`` and ``sirhp: Add DeploymentList``
  for Manager and Site Administrator (sirhp.policy's step adds its roles).

Only these indexes are computed (``reindexObject(idxs=...)``), with a
savepoint every ``BATCH`` objects. Re-runnable and logged. The new field
``skill_levels`` is optional: existing files stay valid without it.
"""

from plone import api
from sirhp.content.permissions import AddDeploymentList
from sirhp.content.permissions import SearchDeployment
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger
import transaction

INDEXES = (
    ("skill_level", "KeywordIndex"),
    ("driving_licences", "KeywordIndex"),
    ("birth_date", "FieldIndex"),
    ("training_course", "FieldIndex"),
    ("training_valid_until", "FieldIndex"),
)
FILE_INDEXES = ["skill_level", "driving_licences", "birth_date"]
ACT_INDEXES = ["training_course", "training_valid_until"]
ROLES = ("Manager", "Site Administrator")
BATCH = 500


def _reindex(brains, idxs):
    count = 0
    for brain in brains:
        brain._unrestrictedGetObject().reindexObject(idxs=idxs)
        count += 1
        if count % BATCH == 0:
            transaction.savepoint(optimistic=True)
    return count


def upgrade(context):
    """Add and fill the finder's indexes, grant the permissions' defaults.

    :param context: ``portal_setup``.
    """
    catalog = api.portal.get_tool("portal_catalog")
    for name, meta_type in INDEXES:
        if name not in catalog.indexes():
            catalog.addIndex(name, meta_type)
            logger.info("Added catalog index %s (%s)", name, meta_type)
    search = catalog.unrestrictedSearchResults
    files = _reindex(search(portal_type="PersonnelFile"), FILE_INDEXES)
    acts = _reindex(
        search(portal_type="CareerEvent", event_type="training"), ACT_INDEXES
    )
    added = [
        add_permission_roles(permission, ROLES)
        for permission in (SearchDeployment, AddDeploymentList)
    ]
    logger.info(
        "deployment: %d files and %d training acts indexed; permissions given to %s",
        files,
        acts,
        ", ".join(sorted({r for roles in added for r in roles})) or "nobody new",
    )
