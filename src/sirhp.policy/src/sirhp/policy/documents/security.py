"""Restricted document types: seen only by HR managers, auditors and the officer.

A document whose type is ``restricted`` (Référentiels RH: medical
certificates, disciplinary decisions...) **blocks the inheritance of local
roles**: the agency's clerks, reviewers and the unit's commanders, who hold
their roles as local roles inherited from the Agency and the file, lose
them on this document. The document itself grants:

- ``HRManager`` to the principals that hold it on the agency (``<agency>-hr``);
- ``Officer`` to the officer, only while the file grants it (not archived).

Auditors hold their role globally: not affected. The workflow still decides
per state (an officer sees validated documents only). The catalog's
``allowedRolesAndUsers`` follows View, so the document's text is not found by
anyone else either. Restricted documents are submitted and validated by HR
managers (four eyes between two of them); when the submitter is the agency's
only HR manager, a site administrator validates (``domain/four_eyes.py``).

Disciplinary career acts (sanctions, suspensions:
``sirhp.content.careers.api.is_disciplinary_act``) are restricted the same
way, by the same functions: ``is_restricted_record`` names both.
"""

from Acquisition import aq_base
from plone import api
from sirhp.content.api import find_agency
from sirhp.content.api import parent_file
from sirhp.content.careers.api import is_disciplinary_act
from sirhp.content.changes.api import target_of
from sirhp.content.documents.api import is_restricted
from sirhp.content.documents.api import is_restricted_document
from sirhp.content.interfaces import ICareerEvent
from sirhp.content.interfaces import IChangeRequest
from sirhp.content.interfaces import IScannedDocument
from sirhp.policy.base.localroles import block_inheritance
from sirhp.policy.base.localroles import sync_local_roles

HR_ROLE = "HRManager"
OFFICER = "Officer"
MANAGED = {HR_ROLE, OFFICER}
MARKER = "_sirhp_restricted"


def is_restricted_record(obj) -> bool:
    """A restricted document or a disciplinary career act."""
    return is_restricted_document(obj) or is_disciplinary_act(obj)


def wanted_roles(doc) -> dict[str, set]:
    wanted = {}
    agency = find_agency(doc)
    if agency is not None:
        for principal, roles in agency.get_local_roles():
            if HR_ROLE in roles:
                wanted.setdefault(principal, set()).add(HR_ROLE)
    file = parent_file(doc)
    if file is not None:
        for principal, roles in file.get_local_roles():
            if OFFICER in roles:
                wanted.setdefault(principal, set()).add(OFFICER)
    return wanted


def agency_hr_managers(obj) -> set[str]:
    """Ids of the users who are HR managers of ``obj``'s agency (those the
    restricted documents grant ``HRManager``), groups expanded."""
    users = set()
    agency = find_agency(obj)
    if agency is None:
        return users
    for principal, roles in agency.get_local_roles():
        if HR_ROLE not in roles:
            continue
        if api.group.get(groupname=principal) is None:
            users.add(principal)
        else:
            users.update(
                user.getId() for user in api.user.get_users(groupname=principal)
            )
    return users


def apply_sensitivity(doc, event=None) -> bool:
    """Block or restore inheritance to match the type's sensitivity: on a
    document, on a career act (disciplinary or not), and on a change
    request about a restricted record (its title and values name the
    record: seen by who sees the record).

    Returns True when something changed (and the security was reindexed).
    """
    if IChangeRequest.providedBy(doc):
        target = target_of(doc)
        restricted = target is not None and is_restricted_record(target)
    elif IScannedDocument.providedBy(doc):
        restricted = is_restricted(getattr(doc, "document_type", None))
    elif ICareerEvent.providedBy(doc):
        restricted = is_disciplinary_act(doc)
    else:
        return False
    changed = False
    if restricted:
        changed = block_inheritance(doc, True)
        setattr(doc, MARKER, True)
        changed |= _sync_roles(doc, wanted_roles(doc))
    elif getattr(aq_base(doc), MARKER, False):
        block_inheritance(doc, False)
        delattr(doc, MARKER)
        _sync_roles(doc, {})
        changed = True
    if changed:
        doc.reindexObjectSecurity()
    if changed and not IChangeRequest.providedBy(doc):
        for request in requests_about(doc):
            apply_sensitivity(request)
    return changed


def requests_about(doc):
    """The change requests whose target is ``doc``: those of its file (a
    handful; only when a document's sensitivity changes)."""
    catalog = api.portal.get_tool("portal_catalog")
    file = parent_file(doc)
    if file is None:
        return []
    uid = doc.UID()
    requests = (
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(
            portal_type="ChangeRequest", path="/".join(file.getPhysicalPath())
        )
    )
    return [request for request in requests if request.target_uid == uid]


def _sync_roles(doc, wanted) -> bool:
    return sync_local_roles(doc, wanted, MANAGED)


def document_moved(doc, event):
    if event.newParent is not None:
        apply_sensitivity(doc)


def file_changed(file, event=None):
    """The file's Officer role changed (transition, move): follow it."""
    for doc in file.objectValues():
        if getattr(aq_base(doc), MARKER, False):
            apply_sensitivity(doc)


def reapply_types(codes) -> int:
    """After HR changed the sensitivity of ``codes``: every document of those
    types, whoever may see it (unrestricted catalog search)."""
    if not codes:
        return 0
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ScannedDocument", document_type=list(codes)
    ):
        if apply_sensitivity(brain._unrestrictedGetObject()):
            count += 1
    return count


__all__ = [
    "agency_hr_managers",
    "apply_sensitivity",
    "is_restricted_document",
    "is_restricted_record",
    "reapply_types",
]
