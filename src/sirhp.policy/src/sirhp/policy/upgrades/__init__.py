"""Numbered upgrade steps of the sirhp.policy profile.

Small, re-runnable, logged; every workflow change ends with a role-mapping
update (``updateRoleMappings``) so existing objects get the new permissions.
"""

import logging
from plone import api
from sirhp.content.badges.verification import ensure_secret

logger = logging.getLogger("sirhp.policy.upgrades")
PROFILE = "profile-sirhp.policy:default"


def to_1001(setup_tool):
    """Badges: badge and batch workflows, Add Badge on validated files, the
    badge secret, the new permissions of the roles."""
    setup_tool.runImportStepFromProfile(PROFILE, "rolemap")
    setup_tool.runImportStepFromProfile(PROFILE, "workflow")
    ensure_secret(api.portal.get())
    workflow = api.portal.get_tool("portal_workflow")
    count = workflow.updateRoleMappings()
    logger.info("sirhp.policy upgraded to 1001 (badges), %s objects updated", count)


def to_1003(setup_tool):
    """Change requests: their workflow; validated content no longer edited in
    place (records staff and the officer propose: sirhp: Add ChangeRequest)."""
    setup_tool.runImportStepFromProfile(PROFILE, "rolemap")
    setup_tool.runImportStepFromProfile(PROFILE, "workflow")
    workflow = api.portal.get_tool("portal_workflow")
    count = workflow.updateRoleMappings()
    logger.info("sirhp.policy upgraded to 1003 (change requests), %s objects", count)
