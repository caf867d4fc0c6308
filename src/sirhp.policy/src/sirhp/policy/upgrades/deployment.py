"""Deployment (staff finder): HR managers (on their agency, through their
group's local role), commanders (where they hold their role) and auditors
get ``sirhp: Search staff for deployment``; HR managers ``sirhp: Add
DeploymentList``, as rolemap.xml says.

The roles are added to those the site already grants (sirhp.content's
step adds Manager and Site Administrator, in either order); the rolemap is
not re-imported (it would reset other permissions administrators set).
Re-runnable and logged.
"""

from sirhp.content.permissions import AddDeploymentList
from sirhp.content.permissions import SearchDeployment
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.upgrades import logger

ROLES = {
    SearchDeployment: (
        "Manager",
        "Site Administrator",
        "HRManager",
        "UnitCommander",
        "Auditor",
    ),
    AddDeploymentList: ("Manager", "Site Administrator", "HRManager"),
}


def upgrade(context):
    """Grant the deployment permissions to the roles of rolemap.xml.

    :param context: ``portal_setup``.
    """
    for permission, roles in ROLES.items():
        added = add_permission_roles(permission, roles)
        logger.info(
            "deployment: %s given to %s", permission, ", ".join(added) or "nobody new"
        )
