"""Dashboard: HR managers (on their agency, through their group's local
role), auditors and unit commanders (on their units: each unit gives its
commanders group ``UnitCommander``, set here on the existing units) get
``sirhp: View indicators``.

The roles are added to those the site already grants (sirhp.content's
upgrade adds Manager and Site Administrator, in either order); the rolemap
is not re-imported (it would reset other permissions administrators set).
Re-runnable and logged.
"""

from plone import api
from sirhp.content.permissions import ViewIndicators
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.upgrades import logger
from sirhp.policy.workflow.localroles import update_unit_local_roles

ROLES = ("Manager", "Site Administrator", "HRManager", "Auditor", "UnitCommander")


def upgrade(context):
    """Grant ``sirhp: View indicators`` to the roles of rolemap.xml.

    :param context: ``portal_setup``.
    """
    added = add_permission_roles(ViewIndicators, ROLES)
    logger.info(
        "indicators: %s given to %s", ViewIndicators, ", ".join(added) or "nobody new"
    )
    catalog = api.portal.get_tool("portal_catalog")
    changed = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Unit"):
        unit = brain._unrestrictedGetObject()
        if update_unit_local_roles(unit):
            unit.reindexObjectSecurity()
            changed += 1
    logger.info(
        "indicators: commanders given their units' dashboard on %d unit(s)", changed
    )
