"""The recruitment officers reach the campaign add form: ``sirhp_agency_workflow``
gives them ``Add portal content`` on agencies and units (re-imported
workflow step), then the role mappings of agencies and units only are
updated (the permission is not in the security index: nothing to reindex).
Re-runnable and logged.
"""

from plone import api
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE

WORKFLOW = "sirhp_agency_workflow"
TYPES = ("Agency", "Unit")


def upgrade(context):
    """Re-import the workflows; update the agencies' and units' role mappings.

    :param context: ``portal_setup``.
    :returns: the number of objects updated.
    """
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    workflow = api.portal.get_tool("portal_workflow")[WORKFLOW]
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=list(TYPES)):
        if workflow.updateRoleMappingsFor(brain._unrestrictedGetObject()):
            count += 1
    logger.info("recruitment add form: %d agencies and units updated", count)
    return count
