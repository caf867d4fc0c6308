"""The title of an evaluation waiting for its officer: "En attente de
l'agent" (it read "À prendre en connaissance", which is not French), as the
workflow of the profile now says. Only that state's title changes: the
rest of the workflow, and what an administrator changed in it, stay.
Re-runnable and logged."""

from plone import api
from sirhp.policy.upgrades import logger

WORKFLOW = "sirhp_evaluation_workflow"
TITLES = {"to_acknowledge": "En attente de l'agent"}


def upgrade(context):
    """``context``: portal_setup."""
    states = api.portal.get_tool("portal_workflow")[WORKFLOW].states
    for state_id, title in TITLES.items():
        state = states[state_id]
        if state.title != title:
            state.title = title
            logger.info("sirhp.policy: %s/%s is now %r", WORKFLOW, state_id, title)
