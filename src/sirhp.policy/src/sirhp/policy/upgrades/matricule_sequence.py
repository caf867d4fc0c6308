"""Matricule sequence: each agency of the profile's agencies file gets its
prefix (unless an administrator set one) and the next number after the highest
matricule of its block already on a file. Re-runnable (never moves a
sequence back) and logged; no profile is imported (the fields are in the
Python schema).
"""

from plone import api
from sirhp.content.content.matricule_sequence import ensure_sequence
from sirhp.policy.agencies.setup import profile_specs
from sirhp.policy.upgrades import logger


def upgrade(context):
    """Set the matricule sequence of every agency from its existing files.

    :param context: ``portal_setup``.
    """
    portal = api.portal.get()
    for spec in profile_specs():
        agency = portal.get(spec["id"])
        if agency is None:
            logger.warning("matricule sequence: no agency %s", spec["id"])
            continue
        prefix, following = ensure_sequence(agency, spec["matricule_prefix"])
        logger.info(
            "matricule sequence: %s prefix %s, next %s", spec["id"], prefix, following
        )
