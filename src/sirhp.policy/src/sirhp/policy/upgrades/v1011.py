"""1010 -> 1011: evaluation and promotion (the site's side).

In this order, each re-runnable and logged (after sirhp.content's 1009):

- ``access16``: evaluation campaigns and training courses under
  ``sirhp_hr_catalogue_workflow`` (records clerks no longer delete them);
- ``follow_up``: HR managers and auditors see a campaign's follow-up;
- ``promotion_workflow``: tableaux d'avancement under
  ``sirhp_promotion_workflow``, HR managers build them and record the
  commission's decisions;
- ``fairness``: HR managers (on their agency) and auditors see the fairness
  figures.

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import run_steps
from sirhp.policy.upgrades import access16
from sirhp.policy.upgrades import fairness
from sirhp.policy.upgrades import follow_up
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import promotion_workflow

STEPS = (access16, follow_up, promotion_workflow, fairness)


def upgrade(context):
    """``context``: portal_setup."""
    run_steps(
        context,
        STEPS,
        logger,
        "sirhp.policy upgraded to 1011 (evaluation and promotion)",
    )
