"""Scripts: Plone's JavaScript (the ``plone`` bundle) left out of the login
page and Mon dossier (``sirhp.policy.weight.scripts``).

Sets the bundle's expression as ``profiles/default/registry.xml`` does,
without re-importing the registry (it would reset what administrators set).
Re-runnable and logged.
"""

from plone import api
from sirhp.policy.upgrades import logger
from sirhp.policy.weight.scripts import EXPRESSION

RECORD = "plone.bundles/plone.expression"


def upgrade(context):
    """Give the ``plone`` bundle SIRHP's expression.

    :param context: ``portal_setup``.
    """
    api.portal.set_registry_record(RECORD, EXPRESSION)
    logger.info("scripts: %s = %s", RECORD, EXPRESSION)
