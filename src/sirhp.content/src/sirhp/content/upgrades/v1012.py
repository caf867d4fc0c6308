"""1011 -> 1012, re-runnable and logged: what the content profile's
rolemap and catalog gained for the work lists and for agencies added by
configuration — administrators submit and validate a file with its records
(``sirhp: Submit|Validate a file with its records``), Site Administrators
add agencies (``sirhp: Add Agency``), the ``last_actor`` column (who fired
the last transition: the queue's "Soumis par"). sirhp.policy 1014 grants
the same permissions to the agencies' roles and fills the column.
``unordered``: agencies and files drop their ordering lists (unordered
folders: no list of 20,000 ids rewritten by every new file).

Take a backup first (docs/operations.md).
"""

from sirhp.content.permissions import AddAgency
from sirhp.content.permissions import SubmitWithRecords
from sirhp.content.permissions import ValidateWithRecords
from sirhp.content.upgrades import add_indexes
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import unordered

ADMINISTRATORS = ("Manager", "Site Administrator")


def upgrade(context):
    """``context``: portal_setup."""
    for permission in (SubmitWithRecords, ValidateWithRecords, AddAgency):
        added = add_permission_roles(permission, ADMINISTRATORS)
        logger.info("%s: roles added: %s", permission, ", ".join(added) or "none")
    add_indexes((), columns=("last_actor",))
    unordered.upgrade(context)
    logger.info("sirhp.content upgraded to 1012")
