"""1011 -> 1012, each step re-runnable and logged:

- ``campaign_opening``: HR managers open a campaign (its evaluations
  created in one action);
- ``legacy_import``: records clerks and HR managers import a legacy
  register (``sirhp: Import personnel files``), the ``nina`` index;
- ``caching``: plone.app.caching with SIRHP's rules (versioned bundles a
  year, content pages private);
- ``scripts``: no Plone JavaScript for anonymous visitors and Mon dossier.

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import run_steps
from sirhp.policy.upgrades import caching
from sirhp.policy.upgrades import campaign_opening
from sirhp.policy.upgrades import legacy_import
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import scripts

STEPS = (campaign_opening, legacy_import, caching, scripts)


def upgrade(context):
    """``context``: portal_setup."""
    run_steps(context, STEPS, logger, "sirhp.policy upgraded to 1012")
