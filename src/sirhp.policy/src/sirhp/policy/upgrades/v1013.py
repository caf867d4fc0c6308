"""1012 -> 1013, each step re-runnable and logged:

- ``matricule_sequence``: each agency's matricule sequence (prefix and next
  number after the highest on a file) for files created from recruitment;
- ``indicators``: the dashboard (``sirhp: View indicators``) for HR
  managers and auditors, and for each unit's commanders on their units;
- ``deployment``: the staff finder for HR managers, commanders and auditors;
- ``deployment_lists``: the deployment lists' workflow;
- ``attestations``: the attestation workflow and its grants;
- ``recruitment_types``: the ``RecruitmentOfficer`` role and each agency's
  recruitment group, the recruitment workflows and grants;
- ``recruitment_add``: recruitment officers may use the add form of their
  agency (``Add portal content`` in the agency workflow; the type's own
  add permission still decides).

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import run_steps
from sirhp.policy.upgrades import attestations
from sirhp.policy.upgrades import deployment
from sirhp.policy.upgrades import deployment_lists
from sirhp.policy.upgrades import indicators
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import matricule_sequence
from sirhp.policy.upgrades import recruitment_add
from sirhp.policy.upgrades import recruitment_types

STEPS = (
    matricule_sequence,
    indicators,
    deployment,
    deployment_lists,
    attestations,
    recruitment_types,
    recruitment_add,
)


def upgrade(context):
    """``context``: portal_setup."""
    run_steps(context, STEPS, logger, "sirhp.policy upgraded to 1013")
