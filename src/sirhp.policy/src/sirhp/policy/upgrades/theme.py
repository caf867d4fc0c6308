"""SIRHP's screens on a site installed before: Plone's toolbar for
administrators only (``Show Toolbar``, set alone: the rolemap is not
re-imported, what administrators set on other permissions is kept), Plone's
content management actions listed for administrators only (actions), no RSS
feeds (syndication settings).

The viewlets, the pages refused to staff and the scripts rule are zcml and
Python: nothing to do for them. The registry is not re-imported (it would
reset what administrators set): the three syndication records are set.
Re-runnable and logged.
"""

from plone import api
from plone.base.interfaces.syndication import ISiteSyndicationSettings
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE

TOOLBAR = "Show Toolbar"
ADMINISTRATORS = ["Manager", "Site Administrator"]
SYNDICATION = {
    f"{ISiteSyndicationSettings.__identifier__}.{name}": False
    for name in ("allowed", "search_rss_enabled", "default_enabled")
}


def upgrade(context):
    """Apply the theme's rolemap, actions and syndication settings.

    :param context: ``portal_setup``.
    """
    api.portal.get().manage_permission(TOOLBAR, ADMINISTRATORS, acquire=False)
    context.runImportStepFromProfile(PROFILE, "actions", run_dependencies=False)
    for record, value in SYNDICATION.items():
        api.portal.set_registry_record(record, value)
    logger.info("theme: toolbar and CMS actions for administrators, no feeds")
