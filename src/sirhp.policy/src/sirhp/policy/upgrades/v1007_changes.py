"""Data left by the change-request and versioning holes, brought in line.

No profile changed (the versioning flag's write permission and the checks
are code). What existing sites may hold:

- objects whose versioning was switched off by a user
  (``versioning_enabled = False``): their history was hidden and later
  edits were not versioned. The flag is set back (the hidden versions come
  back; edits made meanwhile have no version).
- change-request scans stored without the checks of scanned documents: an
  image (with its EXIF / GPS metadata) becomes one PDF without metadata; a
  file the checks refuse (active or broken PDF, pixel bomb, other type) is
  removed from its request, so that it is no longer served to reviewers
  (logged with its request, name, size and SHA-256; a backup keeps it).

- pending change requests proposing a field their requester may not write
  (e.g. a clerk's medical notes): rejected, with the reason, by the person
  running the upgrade (the requester is notified as for any rejection).
  Their values are shown only to who may read them anyway.

One log line per object changed, then a total. Re-runnable.
"""

from Acquisition import aq_base
import hashlib
from plone import api
from sirhp.content.content.change_request import attachment_file
from sirhp.content.content.change_request import check_attachment
from sirhp.content.content.change_request import may_propose_field
from sirhp.content.domain.document_file import DocumentError
from sirhp.policy import logger
from sirhp.policy.changes.api import _target
from sirhp.policy.changes.api import field_label
from sirhp.policy.changes.api import field_values
from sirhp.policy.documents.security import apply_sensitivity

VERSIONED_TYPES = ("PersonnelFile", "ScannedDocument", "CareerEvent")


def restore_versioning(catalog):
    restored = []
    for brain in catalog.unrestrictedSearchResults(portal_type=list(VERSIONED_TYPES)):
        obj = brain._unrestrictedGetObject()
        if getattr(aq_base(obj), "versioning_enabled", True) is False:
            obj.versioning_enabled = True
            restored.append(brain.getPath())
            logger.info(
                "1007 : versions rétablies / versioning restored: %s",
                brain.getPath(),
            )
    return restored


def check_attachments(catalog):
    converted, removed = [], []
    for brain in catalog.unrestrictedSearchResults(portal_type="ChangeRequest"):
        request = brain._unrestrictedGetObject()
        attachment = getattr(aq_base(request), "attachment", None)
        if attachment is None:
            continue
        try:
            check_attachment(request)
            continue  # already a checked PDF
        except DocumentError:
            pass
        data = attachment.data
        try:
            request.attachment = attachment_file(attachment.filename, data)
        except DocumentError as error:
            request.attachment = None
            removed.append(brain.getPath())
            logger.warning(
                "1007 : pièce justificative retirée / supporting scan "
                "removed: %s, %r, %s bytes, sha256 %s: %s",
                brain.getPath(),
                attachment.filename,
                len(data),
                hashlib.sha256(data).hexdigest(),
                error.message,
            )
            continue
        converted.append(brain.getPath())
        logger.info(
            "1007 : pièce justificative convertie en PDF sans "
            "métadonnées / supporting scan converted to a PDF without "
            "metadata: %s, %r",
            brain.getPath(),
            attachment.filename,
        )
    return converted, removed


REJECTION = (
    "Demande rejetée lors de la mise à jour de sécurité : son auteur n'a pas le "
    "droit de modifier {fields}. / Rejected by the security upgrade: its author "
    "may not write {fields}."
)


def _fields_requester_may_not_write(request):
    target = _target(request)
    requester = (request.listCreators() or (None,))[0]
    if target is None or api.user.get(userid=requester) is None:
        return []
    with api.env.adopt_user(user=api.user.get(userid=requester)):
        denied = [
            name
            for name in field_values(request)
            if not may_propose_field(target, name)
        ]
    return [f"« {field_label(target, name)} »" for name in denied]


def reject_forbidden_requests(catalog):
    rejected = []
    workflow = api.portal.get_tool("portal_workflow")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ChangeRequest", review_state="pending"
    ):
        request = brain._unrestrictedGetObject()
        denied = _fields_requester_may_not_write(request)
        if not denied:
            continue
        comment = REJECTION.format(fields=", ".join(denied))
        with api.env.adopt_roles(["Manager"]):
            workflow.doActionFor(request, "reject", comment=comment)
        rejected.append(brain.getPath())
        logger.warning(
            "1007 : demande rejetée / change request rejected: %s (%s)",
            brain.getPath(),
            ", ".join(denied),
        )
    return rejected


def restrict_requests(catalog):
    """Requests about a restricted document restricted like it (they were
    seen by every clerk and reviewer of the agency)."""
    restricted = []
    for brain in catalog.unrestrictedSearchResults(portal_type="ChangeRequest"):
        if apply_sensitivity(brain._unrestrictedGetObject()):
            restricted.append(brain.getPath())
            logger.warning(
                "1007 : demande restreinte comme sa pièce / request restricted "
                "like its document: %s",
                brain.getPath(),
            )
    return restricted


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    restored = restore_versioning(catalog)
    converted, removed = check_attachments(catalog)
    rejected = reject_forbidden_requests(catalog)
    restricted = restrict_requests(catalog)
    logger.info(
        "1007 (change requests): %s object(s) versioned again, %s scan(s) converted, "
        "%s scan(s) removed, %s request(s) rejected, %s request(s) restricted",
        len(restored),
        len(converted),
        len(removed),
        len(rejected),
        len(restricted),
    )
    return {
        "versioning": restored,
        "converted": converted,
        "removed": removed,
        "rejected": rejected,
        "restricted": restricted,
    }
