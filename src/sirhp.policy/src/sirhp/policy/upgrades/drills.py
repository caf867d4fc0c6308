"""Reads write nothing: the display settings of the portlets assigned on the
site root, which plone.portlets created on the first page read, are created
now (``sirhp.policy.hardening.read_caches``). Re-runnable and logged.
"""

from plone import api
from sirhp.policy.hardening.read_caches import ensure_portlet_settings
from sirhp.policy.upgrades import logger


def upgrade(context):
    """Create the site root's missing portlet display settings.

    :param context: ``portal_setup``.
    """
    created = ensure_portlet_settings(api.portal.get())
    logger.info("drills: %d portlet display settings created", created)
