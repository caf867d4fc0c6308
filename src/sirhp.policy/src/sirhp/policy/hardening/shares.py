"""Local roles SIRHP grants itself; the others (shares made by hand) removed.

Access comes from groups and the matricule, never by hand (``docs/security.md``).
SIRHP grants local roles in these places only:

- **Agency**: its groups ``<agency>-clerks``, ``-reviewers``, ``-hr`` get
  ``RecordsClerk``, ``RecordsReviewer``, ``HRManager``
  (``agencies.setup.grant_agency_roles``);
- **Unit**: ``UnitCommander`` for its commanders group (the unit's
  dashboard and staff finder: ``workflow.localroles.wanted_unit_local_roles``);
- **PersonnelFile**: ``Officer`` for the matricule, ``UnitCommander`` for the
  commanders group of its unit and of the units above
  (``workflow.localroles.wanted_local_roles``; nothing once archived);
- **restricted ScannedDocument**: inheritance blocked, ``HRManager`` for the
  agency's HR group, ``Officer`` while the file grants it
  (``documents.security``);
- **every object**: ``Owner`` for the account that created it (Zope, on
  creation).

Anything else was delegated by hand: the sharing page was open to the Owner
and Editor until profile 1004, the ZMI to administrators. ``clean_shares``
brings one object back to what SIRHP grants (it also restores a role SIRHP
grants but that is missing, e.g. removed by hand) and to the inheritance of
local roles SIRHP wants: blocked on restricted documents only. Used by the
upgrade step 1004 -> 1005.
"""

from Acquisition import aq_base
from dataclasses import dataclass
from dataclasses import field
from plone import api
from sirhp.content.interfaces import IAgency
from sirhp.content.interfaces import ICareerEvent
from sirhp.content.interfaces import IPersonnelFile
from sirhp.content.interfaces import IScannedDocument
from sirhp.content.interfaces import IUnit
from sirhp.policy import config
from sirhp.policy.base.localroles import block_inheritance
from sirhp.policy.base.localroles import is_blocked
from sirhp.policy.base.localroles import remove_local_roles
from sirhp.policy.base.localroles import set_exact_local_roles
from sirhp.policy.documents import security as document_security
from sirhp.policy.hardening.hidden import HIDDEN_TYPES
from sirhp.policy.workflow.localroles import wanted_local_roles
from sirhp.policy.workflow.localroles import wanted_unit_local_roles
import transaction

SIRHP_TYPES = ("Agency", "Unit", *sorted(HIDDEN_TYPES))
OWNER = "Owner"
SAVEPOINT_EVERY = 500


@dataclass
class ShareChange:
    """What ``clean_shares`` changed on one object."""

    path: str
    removed: dict[str, list[str]] = field(default_factory=dict)
    restored: dict[str, list[str]] = field(default_factory=dict)
    inheritance: str = ""  # "unblocked" (blocked by hand) or "blocked" (restricted)

    def __bool__(self):
        return bool(self.removed or self.restored or self.inheritance)


def creators_of(obj) -> set[str]:
    """The account(s) that created ``obj``: its owner and its Creators."""
    ids = set()
    owner = obj.getOwnerTuple() if hasattr(aq_base(obj), "getOwnerTuple") else None
    if owner:
        ids.add(owner[1])
    creators = getattr(aq_base(obj), "creators", None) or ()
    ids.update(creators)
    return ids


def granted_local_roles(obj) -> dict[str, set[str]]:
    """{principal id: roles} SIRHP grants on ``obj`` itself (not inherited)."""
    granted: dict[str, set[str]] = {}

    def grant(mapping):
        for principal, roles in mapping.items():
            granted.setdefault(principal, set()).update(roles)

    current = dict(obj.get_local_roles())
    for principal in creators_of(obj):
        # Owner of the creator, where Zope put it (never added back here)
        if OWNER in current.get(principal, ()):
            grant({principal: {OWNER}})
    if IAgency.providedBy(obj):
        grant(
            {
                config.agency_group_id(obj.getId(), suffix): {role}
                for suffix, role, _label in config.AGENCY_GROUPS
            }
        )
    elif IUnit.providedBy(obj):
        grant(wanted_unit_local_roles(obj))
    elif IPersonnelFile.providedBy(obj):
        grant(wanted_local_roles(obj))
    elif document_security.is_restricted_record(obj):
        grant(document_security.wanted_roles(obj))
    return granted


def clean_shares(obj) -> ShareChange:
    """Give ``obj`` exactly the local roles SIRHP grants; reindex if changed.

    Agencies keep only their groups (a group removed by hand is not added
    back here: that is the install's job, ``grant_agency_roles``).
    """
    path = "/".join(obj.getPhysicalPath())
    change = ShareChange(path)
    granted = granted_local_roles(obj)
    current = {p: set(r) for p, r in obj.get_local_roles()}
    to_delete = []
    for principal, roles in sorted(current.items()):
        keep = roles & granted.get(principal, set())
        if keep == roles:
            continue
        change.removed[principal] = sorted(roles - keep)
        if keep:
            set_exact_local_roles(obj, principal, keep)
        else:
            to_delete.append(principal)
    remove_local_roles(obj, to_delete)
    if not IAgency.providedBy(obj):
        for principal, roles in sorted(granted.items()):
            have = current.get(principal, set()) & roles
            if have != roles:
                change.restored[principal] = sorted(roles - have)
                set_exact_local_roles(obj, principal, roles)
    blocked = is_blocked(obj)
    if IScannedDocument.providedBy(obj) or ICareerEvent.providedBy(obj):
        # blocks (and marks) a restricted record, unblocks a former one
        document_security.apply_sensitivity(obj)
    if is_blocked(obj) and not document_security.is_restricted_record(obj):
        block_inheritance(obj, False)  # SIRHP blocks restricted records only
    now = is_blocked(obj)
    if now != blocked:
        change.inheritance = "blocked" if now else "unblocked"
    if change:
        obj.reindexObjectSecurity()
    return change


def clean_all_shares(log=None) -> list[ShareChange]:
    """``clean_shares`` on every SIRHP object, parents first (a document's
    roles follow its agency and its file). Catalog, not an object walk;
    unrestricted: run by an administrator (upgrade step, zconsole)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=list(SIRHP_TYPES), sort_on="path"
    )
    changes = []
    for count, brain in enumerate(brains, start=1):
        obj = brain._unrestrictedGetObject()
        if obj is None:  # stale catalog entry
            continue
        change = clean_shares(obj)
        if change:
            changes.append(change)
            if log is not None:
                log(change)
        if count % SAVEPOINT_EVERY == 0:
            transaction.savepoint(optimistic=True)
    return changes
