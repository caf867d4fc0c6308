"""Upgrade to 1004: TOTP second factor (issue 5).

Registers the new record ``sirhp.security.totp_required`` (default False)
from the settings interface; existing ``sirhp.security.*`` values are kept.
Re-runnable.
"""

from plone.registry.interfaces import IRegistry
from sirhp.policy import logger
from sirhp.policy.login.interfaces import ISecuritySettings
from zope.component import getUtility


def upgrade(context):
    registry = getUtility(IRegistry)
    registry.registerInterface(ISecuritySettings, prefix="sirhp.security")
    logger.info("sirhp.policy upgraded to 1004 (TOTP setting)")
