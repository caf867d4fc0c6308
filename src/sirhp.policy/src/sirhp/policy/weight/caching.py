"""The caching policy: plone.app.caching with SIRHP's rulesets.

``profiles/caching`` (registry.xml) is the policy itself; this module
applies it, at install and from ``upgrades/caching.py``.
"""

from plone import api
from sirhp.policy import logger

PROFILE = "profile-sirhp.policy:caching"


def install():
    """Install plone.app.caching and apply SIRHP's caching profile.

    Re-runnable: the profile's registry records are set, not added to.
    """
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile(PROFILE)
    logger.info("caching policy applied (%s)", PROFILE)
