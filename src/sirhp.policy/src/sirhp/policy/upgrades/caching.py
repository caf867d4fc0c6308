"""Caching: plone.app.caching installed with SIRHP's policy (versioned
bundles a year in the browser, personnel pages ``private``).

Applies ``profile-sirhp.policy:caching`` (which installs
plone.app.caching first if the site lacks it). Re-runnable and logged.
"""

from sirhp.policy.upgrades import logger
from sirhp.policy.weight.caching import install


def upgrade(context):
    """Install plone.app.caching and SIRHP's caching rulesets.

    :param context: ``portal_setup``.
    """
    install()
    logger.info("caching: SIRHP caching policy applied")
