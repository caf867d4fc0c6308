"""1009 -> 1010: careers, second part (the site's side).

In this order, each re-runnable and logged (after sirhp.content's 1008):

- ``careers_check``: HR managers and auditors run the careers consistency
  check;
- ``careers_discipline``: HR managers, auditors and the officer read the
  disciplinary fields; existing sanction and suspension acts are restricted
  like medical documents;
- ``training_workflow``: sessions under ``sirhp_training_workflow``, who
  plans training and sees its coverage;
- ``evaluation_types``: evaluations under ``sirhp_evaluation_workflow``
  (every SIRHP workflow re-imported, role mappings updated: the record
  workflow now sets who adds evaluations in a file).

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import run_steps
from sirhp.policy.upgrades import careers_check
from sirhp.policy.upgrades import careers_discipline
from sirhp.policy.upgrades import evaluation_types
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import training_workflow

STEPS = (careers_check, careers_discipline, training_workflow, evaluation_types)


def upgrade(context):
    """``context``: portal_setup."""
    run_steps(
        context, STEPS, logger, "sirhp.policy upgraded to 1010 (careers, second part)"
    )
