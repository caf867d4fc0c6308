"""Deployment lists: the ``DeploymentList`` type (its FTI, the Agency
allowing it), the ``deployment_members`` index (an empty index: no list
exists before this step) and the default of ``sirhp: Manage deployment
lists`` (Manager; the workflow sets it per state). sirhp.policy's step
imports the workflow. Re-runnable and logged.
"""

from plone import api
from sirhp.content.permissions import ManageDeploymentLists
from sirhp.content.upgrades import add_permission_roles
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import PROFILE

INDEX = "deployment_members"


def upgrade(context):
    """Types, index and permission default of the deployment lists.

    :param context: ``portal_setup``.
    """
    context.runImportStepFromProfile(PROFILE, "typeinfo", run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog.indexes():
        catalog.addIndex(INDEX, "KeywordIndex")
        logger.info("Added catalog index %s (KeywordIndex)", INDEX)
    added = add_permission_roles(ManageDeploymentLists, ("Manager",))
    logger.info(
        "deployment lists: type and index in place; %s given to %s",
        ManageDeploymentLists,
        ", ".join(added) or "nobody new",
    )
