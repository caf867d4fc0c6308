"""Careers, consistency check: ``sirhp: Check careers`` granted to the roles
of rolemap.xml (HR managers on their agency through their group's local
role, auditors).

The roles are added to those the site already grants; the rolemap is not
re-imported (it would reset other permissions administrators set).
Re-runnable and logged.
"""

from sirhp.content.permissions import CheckCareers
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.upgrades import logger

ROLES = ("Manager", "Site Administrator", "HRManager", "Auditor")


def upgrade(context):
    """Grant ``sirhp: Check careers`` to the roles of rolemap.xml.

    :param context: ``portal_setup``.
    """
    added = add_permission_roles(CheckCareers, ROLES)
    logger.info(
        "careers (check): %s given to %s",
        CheckCareers,
        ", ".join(added) or "nobody new",
    )
