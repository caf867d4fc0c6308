"""Référentiels of the statute, versioned: HR managers may manage them
(``sirhp: Manage référentiels``, as ``sirhp: Manage HR vocabularies``: they
hold HRManager on their agency, where the panel is also registered), and the
site setup lists the panel (configlet ``sirhp-referentiels-statut``).
Re-runnable and logged; run after ``sirhp.content``'s ``careers_referentials``.
"""

from plone import api
from sirhp.content.permissions import ManageReferentials
from sirhp.content.upgrades.careers_referentials import grant_default_roles
from sirhp.policy.upgrades import logger


def upgrade(context):
    """Grant ``sirhp: Manage référentiels`` to HR managers (context:
    portal_setup)."""
    portal = api.portal.get()
    grant_default_roles(portal)
    granted = {
        role["name"]
        for role in portal.rolesOfPermission(ManageReferentials)
        if role["selected"]
    }
    portal.manage_permission(
        ManageReferentials, sorted(granted | {"HRManager"}), acquire=True
    )
    logger.info("%s granted to HR managers", ManageReferentials)
    # The controlpanel step only (re)registers configlets by id: the other
    # configlets are left as they are.
    context.runImportStepFromProfile(
        "profile-sirhp.policy:default", "controlpanel", run_dependencies=False
    )
    logger.info("Configlet sirhp-referentiels-statut registered")
