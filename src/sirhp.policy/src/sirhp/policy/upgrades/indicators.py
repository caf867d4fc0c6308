"""Dashboard: HR managers (on their agency, through their group's local
role) and auditors get ``sirhp: View indicators``.

The roles are added to those the site already grants (sirhp.content's
upgrade adds Manager and Site Administrator, in either order); the rolemap
is not re-imported (it would reset other permissions administrators set).
Re-runnable and logged.
"""

from sirhp.content.permissions import ViewIndicators
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.upgrades import logger

ROLES = ("Manager", "Site Administrator", "HRManager", "Auditor")


def upgrade(context):
    """Grant ``sirhp: View indicators`` to the roles of rolemap.xml.

    :param context: ``portal_setup``.
    """
    added = add_permission_roles(ViewIndicators, ROLES)
    logger.info(
        "indicators: %s given to %s", ViewIndicators, ", ".join(added) or "nobody new"
    )
