"""What follows from an agency being there: its groups (``config.
AGENCY_GROUPS``, titled with its short name), their local roles on it, its
matricule sequence. One subscriber (``agency_added``) does it for every
agency, whoever adds it (control panel, REST, the profile's agencies file,
an import); the install and the upgrades call ``set_up`` again (re-runnable).

The agencies of a new site are data: ``profiles/default/sirhp_agencies.json``
read by the ``sirhp-agencies`` import step.
"""

import json
from pathlib import Path
from plone import api
from sirhp.content.agencies import api as agencies_api
from sirhp.content.content.matricule_sequence import ensure_sequence
from sirhp.policy import config
from sirhp.policy import logger
from sirhp.policy.base.localroles import set_exact_local_roles

DATA_FILE = "sirhp_agencies.json"
PROFILE_DATA = Path(__file__).parent.parent / "profiles" / "default" / DATA_FILE


def ensure_groups(agency):
    """The groups of ``agency`` (``<id>-clerks``...), created when missing."""
    short_name = getattr(agency, "short_name", None) or agency.getId()
    for suffix, _role, label in config.AGENCY_GROUPS:
        group_id = config.agency_group_id(agency.getId(), suffix)
        if api.group.get(groupname=group_id) is None:
            api.group.create(groupname=group_id, title=f"{short_name} — {label}")


def grant_agency_roles(agency):
    """Each group of ``agency`` holds its role there, and only it."""
    for suffix, role, _label in config.AGENCY_GROUPS:
        group_id = config.agency_group_id(agency.getId(), suffix)
        set_exact_local_roles(agency, group_id, {role})
    agency.reindexObjectSecurity()


def set_up(agency):
    """Groups, local roles and matricule sequence of ``agency`` (re-runnable:
    an existing sequence is never moved back)."""
    ensure_groups(agency)
    grant_agency_roles(agency)
    prefix = getattr(agency, "matricule_prefix", None)
    if prefix:
        ensure_sequence(agency, prefix)


def agency_added(agency, event):
    """IObjectAddedEvent of an Agency: its groups, roles and sequence."""
    set_up(agency)
    logger.info("agency %s set up", agency.getId())


def read_specs(text):
    """The agencies of a data file: a JSON list of objects with ``id``,
    ``title``, ``short_name``, ``primary_color``, ``matricule_prefix``."""
    specs = json.loads(text)
    if not isinstance(specs, list) or not all(isinstance(s, dict) for s in specs):
        raise ValueError(f"{DATA_FILE}: a JSON list of agencies expected")
    return specs


def profile_specs():
    """The agencies of the default profile's data file (the upgrades)."""
    return read_specs(PROFILE_DATA.read_text(encoding="utf-8"))


def ensure_agencies(portal, specs):
    """Each agency of ``specs`` at the site root, created when missing (an
    existing agency keeps its values, and gets the prefix of ``specs`` when
    it has none); each set up. Re-runnable.

    :returns: the agencies, in the order of ``specs``.
    """
    found = []
    for spec in specs:
        agency, created = agencies_api.ensure_agency(container=portal, values=spec)
        if not created:
            ensure_sequence(agency, spec["matricule_prefix"])
            set_up(agency)
        logger.info("agency %s %s", spec["id"], "created" if created else "present")
        found.append(agency)
    return found


def import_agencies(context):
    """GenericSetup import step: the agencies of the profile's data file."""
    text = context.readDataFile(DATA_FILE)
    if text is None:
        return
    ensure_agencies(api.portal.get(), read_specs(text))
