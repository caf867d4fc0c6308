"""Référentiels of the statute, versioned: HR managers may manage them
(``sirhp: Manage référentiels``, as ``sirhp: Manage HR vocabularies``: they
hold HRManager on their agency, where the panel is also registered), and the
site setup lists the panel (configlet ``sirhp-referentiels-statut``).
Re-runnable and logged; run after ``sirhp.content``'s ``careers_referentials``.
"""

from sirhp.content.permissions import ManageReferentials
from sirhp.content.upgrades import add_permission_roles
from sirhp.policy.upgrades import logger


def upgrade(context):
    """Grant ``sirhp: Manage référentiels`` to HR managers (context:
    portal_setup)."""
    add_permission_roles(
        ManageReferentials, ("Manager", "Site Administrator", "HRManager")
    )
    logger.info("%s granted to HR managers", ManageReferentials)
    # The controlpanel step only (re)registers configlets by id: the other
    # configlets are left as they are.
    context.runImportStepFromProfile(
        "profile-sirhp.policy:default", "controlpanel", run_dependencies=False
    )
    logger.info("Configlet sirhp-referentiels-statut registered")
