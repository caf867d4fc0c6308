"""Concurrency: the site's history ids come from SIRHP's conflict-free
generator (``sirhp.content.base.historyids``) instead of CMFUid's shared
counter, by re-importing the profile's ``componentregistry`` step (it
registers that one utility). Re-runnable and logged.
"""

from plone import api
from Products.CMFUid.interfaces import IUniqueIdGenerator
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import PROFILE
from zope.component import getUtility


def upgrade(context):
    """Register the conflict-free history-id generator.

    :param context: ``portal_setup``.
    """
    context.runImportStepFromProfile(
        PROFILE, "componentregistry", run_dependencies=False
    )
    generator = getUtility(IUniqueIdGenerator, context=api.portal.get())
    logger.info("concurrency: history ids from %s", type(generator).__name__)
