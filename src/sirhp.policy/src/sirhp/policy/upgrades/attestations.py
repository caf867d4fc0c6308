"""Official documents on request: ``sirhp_attestation_workflow`` bound to
``AttestationRequest`` (the workflows re-imported from the profile:
definitions and bindings), the officer, clerks and HR managers may ask for
one, HR managers and auditors read the register (roles added to those the
site grants), the role mappings of stored documents updated. Run after
``sirhp.content.upgrades.attestations``. Re-runnable and logged.
"""

from plone import api
from sirhp.content.permissions import AddAttestationRequest
from sirhp.content.permissions import ViewAttestationRegister
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import PROFILE

WORKFLOW = "sirhp_attestation_workflow"
ROLES = {
    AddAttestationRequest: (
        "Manager",
        "Site Administrator",
        "RecordsClerk",
        "HRManager",
        "Officer",
    ),
    ViewAttestationRegister: ("Manager", "Site Administrator", "HRManager", "Auditor"),
}


def upgrade(context):
    """``context``: portal_setup."""
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    for permission, roles in ROLES.items():
        add_permission_roles(permission, roles)
    workflow = api.portal.get_tool("portal_workflow")
    updated = 0
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="AttestationRequest"):
        obj = brain._unrestrictedGetObject()
        if workflow[WORKFLOW].updateRoleMappingsFor(obj):
            obj.reindexObjectSecurity()
            updated += 1
    logger.info(
        "attestations: workflow %s bound, %d documents' role mappings updated",
        workflow.getChainForPortalType("AttestationRequest"),
        updated,
    )
