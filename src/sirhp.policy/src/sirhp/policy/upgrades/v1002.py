"""Upgrade to 1002: audit journal and login hardening (issue 5).

Adds the permission ``sirhp: View audit journal`` (auditors, HR managers),
the registry settings ``sirhp.security.*`` and ``sirhp.audit.*``, and the
two PAS plugins (login guard first, password policy). Re-runnable.
"""

from plone import api
from sirhp.policy import logger
from sirhp.policy.login.setup import install_plugins

# registered in upgrades/v1002.zcml, hence the package name
PROFILE = "profile-sirhp.policy.upgrades:upgrade_1002"


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile(PROFILE, purge_old=False)
    install_plugins(api.portal.get())
    logger.info("sirhp.policy upgraded to 1002 (audit journal, login hardening)")
