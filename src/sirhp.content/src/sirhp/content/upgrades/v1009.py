"""1008 -> 1009: evaluation and promotion (tableau d'avancement, fairness)
and training pages.

In this order, each re-runnable and logged:

- ``evaluation_marks``: the ``evaluation_mark``, ``evaluation_evaluator``
  and ``evaluation_year`` indexes (never metadata), filled: eligibility and
  the fairness figures read validated marks in bulk from them;
- ``follow_up``: the permission ``sirhp: View campaign follow-up``;
- ``promotion_tables``: the ``PromotionTable`` type (in an agency), its
  permissions, the ``ground`` of exceptional promotions in the
  ``career_act`` metadata (promotion acts re-indexed);
- ``fairness``: the ``region_of_origin`` catalog column, filled, and the
  permission ``sirhp: View fairness``.

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import evaluation_marks
from sirhp.content.upgrades import fairness
from sirhp.content.upgrades import follow_up
from sirhp.content.upgrades import logger
from sirhp.content.upgrades import promotion_tables
from sirhp.content.upgrades import run_steps

STEPS = (evaluation_marks, follow_up, promotion_tables, fairness)


def upgrade(context):
    """``context``: portal_setup."""
    run_steps(
        context,
        STEPS,
        logger,
        "sirhp.content upgraded to 1009 (evaluation and promotion)",
    )
