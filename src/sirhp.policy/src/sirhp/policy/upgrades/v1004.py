"""Upgrade to 1004: TOTP second factor, sharing closed (issue 5).

- Registers the new record ``sirhp.security.totp_required`` (default False)
  from the settings interface; existing ``sirhp.security.*`` values are kept.
- The sharing page and ``@sharing`` for administrators only (Plone gave them
  to Owner and Editor: a clerk could share a file with the other agency),
  as in ``profiles/default/rolemap.xml``. Local roles already delegated by
  hand are not removed here: 1005 does it (``v1005.py``).

Re-runnable.
"""

from plone import api
from plone.registry.interfaces import IRegistry
from sirhp.policy import logger
from sirhp.policy.login.interfaces import ISecuritySettings
from zope.component import getUtility

ADMINS = ["Manager", "Site Administrator"]
SHARING_PERMISSIONS = (
    "Sharing page: Delegate roles",
    "Sharing page: Delegate Reader role",
    "Sharing page: Delegate Editor role",
    "Sharing page: Delegate Contributor role",
    "Sharing page: Delegate Reviewer role",
)


def upgrade(context):
    registry = getUtility(IRegistry)
    registry.registerInterface(ISecuritySettings, prefix="sirhp.security")
    portal = api.portal.get()
    for permission in SHARING_PERMISSIONS:
        portal.manage_permission(permission, ADMINS, acquire=False)
    logger.info("sirhp.policy upgraded to 1004 (TOTP setting, sharing closed)")
