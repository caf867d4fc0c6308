"""Change requests in their domain: the ``ChangeRequest`` class and schema
moved from ``sirhp.content.content.change_request`` to
``sirhp.content.changes.content``.

The type's FTI names the new class and schema (only that FTI is touched:
re-importing every type would reset what later profiles set). Requests
already stored still name the old module in the ZODB: ``sirhp.content.bbb``
keeps that path loading, and each one is stored under the new path the next
time it is written. Re-runnable and logged. Wired by the integrator (no
profile version of its own).
"""

from plone import api
from sirhp.content.upgrades import logger

PORTAL_TYPE = "ChangeRequest"
PROPERTIES = {
    "klass": "sirhp.content.changes.content.ChangeRequest",
    "schema": "sirhp.content.changes.content.IChangeRequestSchema",
}


def upgrade(context):
    """Point the ChangeRequest FTI at the new module; returns what changed
    ({property: new value}, empty when already done)."""
    fti = api.portal.get_tool("portal_types").getTypeInfo(PORTAL_TYPE)
    changed = {
        name: value
        for name, value in PROPERTIES.items()
        if fti.getProperty(name) != value
    }
    if changed:
        fti.manage_changeProperties(**changed)
    logger.info(
        "v14 (change requests): %s FTI %s",
        PORTAL_TYPE,
        ", ".join(f"{name} = {value}" for name, value in changed.items())
        or "already up to date",
    )
    return changed
