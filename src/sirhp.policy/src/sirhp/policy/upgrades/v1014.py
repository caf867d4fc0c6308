"""1013 -> 1014, each step re-runnable and logged:

- ``worklists``: the grouped submission and validation for the agencies'
  roles, the ``last_actor`` column filled for what waits now;
- ``drills``: the site root's portlet display settings created (a page read
  writes nothing, even on a full disk);
- ``agencies_data``: agencies added by configuration (the site root allows
  ``Agency``, the control panel, Site Administrators add them) and the
  agencies of the profile's data file with their groups, roles and
  matricule sequence;
- ``theme``: Plone's toolbar and content-management actions for
  administrators only, no RSS feeds.

Take a backup first (docs/operations.md).
"""

from sirhp.content.upgrades import run_steps
from sirhp.policy.upgrades import agencies_data
from sirhp.policy.upgrades import drills
from sirhp.policy.upgrades import logger
from sirhp.policy.upgrades import theme
from sirhp.policy.upgrades import worklists

STEPS = (worklists, drills, agencies_data, theme)


def upgrade(context):
    """``context``: portal_setup."""
    run_steps(context, STEPS, logger, "sirhp.policy upgraded to 1014")
