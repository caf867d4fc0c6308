"""Upgrade to 1006: English as the second language, chosen by the user.

The site offered French only (English had translations but no way to reach
them). ``fr`` stays the default; ``en`` is available and a user's choice
(language selector, ``?set_language=en``) is kept in a cookie. The browser's
own language is not used. Re-runnable.
"""

from plone import api
from sirhp.policy import logger


def upgrade(setup_tool):
    languages = api.portal.get_registry_record("plone.available_languages")
    if "en" not in languages:
        api.portal.set_registry_record("plone.available_languages", [*languages, "en"])
    api.portal.set_registry_record("plone.use_cookie_negotiation", True)
    logger.info("sirhp.policy upgraded to 1006 (English available)")
