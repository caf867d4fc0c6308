"""1010 -> 1011, each step re-runnable and logged:

- ``indicators``: the ``birth_date`` index (age pyramid of the dashboard,
  an index only), ``sirhp: View indicators`` for administrators;
- ``deployment``: the staff finder's indexes (skill levels, licences,
  training course and certificate expiry), filled for those only;
- ``deployment_lists``: the ``DeploymentList`` type, its members index;
- ``attestations``: the ``AttestationRequest`` type, its indexes;
- ``recruitment_types``: the ``RecruitmentCampaign`` and ``Candidate``
  types and their permissions.

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import attestations
from sirhp.content.upgrades import deployment
from sirhp.content.upgrades import deployment_lists
from sirhp.content.upgrades import indicators
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import recruitment_types
from sirhp.content.upgrades import run_steps

STEPS = (indicators, deployment, deployment_lists, attestations, recruitment_types)


def upgrade(context):
    """``context``: portal_setup."""
    run_steps(context, STEPS, logger, "sirhp.content upgraded to 1011")
