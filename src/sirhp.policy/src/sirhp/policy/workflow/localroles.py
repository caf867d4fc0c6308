"""Local roles of a personnel file: its officer and its unit's commanders.

The agency's records staff get their roles from the Agency (inherited).
Here each file gets, as local roles:
- ``Officer`` for the account whose id is the file's matricule;
- ``UnitCommander`` for the commanders group of its unit and of every unit
  above it (a regional director sees the commissariats of the region).
The workflow decides in which states these roles see anything (validated).
Changing a commander is a group membership change: no reindexing needed.

A unit gives its commanders group ``UnitCommander`` on the unit itself
(inherited by the units inside it): the role grants nothing there but what
the rolemap gives it site-wide — the unit's dashboard
(``sirhp: View indicators``).
"""

from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from plone import api
from sirhp.content.api import commanders_group_id
from sirhp.content.api import find_agency
from sirhp.content.interfaces import IAgency
from sirhp.content.interfaces import IUnit
from sirhp.policy.base.localroles import sync_local_roles

OFFICER = "Officer"
COMMANDER = "UnitCommander"
MANAGED = {OFFICER, COMMANDER}


def wanted_local_roles(file):
    """{principal id: set of roles} this file should grant.

    An archived file (the agent has left) grants nothing any more, so its
    validated records disappear too for the officer and the commanders.
    """
    wanted = {}
    if api.content.get_state(file, default=None) == "archived":
        return wanted
    if file.matricule:
        wanted.setdefault(file.matricule, set()).add(OFFICER)
    relation = getattr(file, "unit", None)
    unit = None
    if relation is not None and not relation.isBroken():
        unit = relation.to_object
    if unit is not None and aq_base(find_agency(unit)) is not aq_base(
        find_agency(file)
    ):
        unit = None  # a unit of another agency (file moved): no commander
    if unit is not None:
        for item in aq_chain(aq_inner(unit)):
            if IAgency.providedBy(item):
                break
            if IUnit.providedBy(item):
                wanted.setdefault(commanders_group_id(item), set()).add(COMMANDER)
    return wanted


def update_file_local_roles(file, event=None):
    """Bring the file's managed local roles in line; reindex if they changed.

    A file created in this transaction has no catalog entry and no
    catalogued record yet: its security index is queued with its entry (no
    catalog search for records it cannot have; a bulk import creates
    thousands)."""
    changed = sync_local_roles(file, wanted_local_roles(file), MANAGED)
    if changed:
        catalog = api.portal.get_tool("portal_catalog")
        if catalog.getrid("/".join(file.getPhysicalPath())) is None:
            file.reindexObject(idxs=["allowedRolesAndUsers"])
        else:
            file.reindexObjectSecurity()
    return changed


def after_file_transition(file, event):
    update_file_local_roles(file)


def file_moved(file, event):
    """Added or moved (to another agency): recompute; removal: nothing."""
    if event.newParent is None:
        return
    update_file_local_roles(file)


def wanted_unit_local_roles(unit):
    """{principal id: roles} a unit grants on itself: ``UnitCommander`` for
    its commanders group (the units inside inherit it, as the files of
    sub-units name the commanders of every unit above)."""
    return {commanders_group_id(unit): {COMMANDER}}


def update_unit_local_roles(unit, event=None):
    """Bring the unit's commanders role in line; returns whether it
    changed."""
    return sync_local_roles(unit, wanted_unit_local_roles(unit), {COMMANDER})
