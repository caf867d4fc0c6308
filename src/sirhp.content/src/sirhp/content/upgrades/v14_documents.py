"""Scanned documents move into their domain package, ``sirhp.content.documents``.

The class ``ScannedDocument`` and its schema now live in
``sirhp.content.documents.content``. This step points the ``ScannedDocument``
FTI there (``klass`` and ``schema``, as ``profiles/default/types/
ScannedDocument.xml``); the FTI is edited, not re-imported, so what an
administrator changed on it (behaviours...) is kept. Stored documents and
their versions still name the old module in their pickles: they load
through ``sirhp.content.bbb.ALIASES`` and need no rewrite. Re-runnable,
logged.
"""

from plone import api
from sirhp.content.upgrades import logger

OLD_MODULE = "sirhp.content.content.scanned_document"
NEW_MODULE = "sirhp.content.documents.content"
FTI_PROPERTIES = {
    "klass": f"{NEW_MODULE}.ScannedDocument",
    "schema": f"{NEW_MODULE}.IScannedDocumentSchema",
}


def upgrade(context):
    """Point the ScannedDocument FTI at its new module (``context``: portal_setup)."""
    fti = api.portal.get_tool("portal_types").get("ScannedDocument")
    if fti is None:
        logger.info("No ScannedDocument type: nothing to move")
        return
    changed = {
        name: value
        for name, value in FTI_PROPERTIES.items()
        if getattr(fti, name, None) != value
    }
    if not changed:
        logger.info("ScannedDocument FTI already points at %s", NEW_MODULE)
        return
    # manage_changeProperties fires the FTI's modified event: Dexterity
    # drops its cached schema and factory for the type
    fti.manage_changeProperties(**changed)
    for name, value in changed.items():
        logger.info("ScannedDocument FTI %s set to %s", name, value)
