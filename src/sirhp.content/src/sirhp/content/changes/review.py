"""Deciding on a change request: compare, check, apply (domain API).

Re-exported by ``api``. What a reviewer sees of a request (``diff``, with
the values masked for who may not read them), the other requests on the
same fields (``conflicts``), whether the target changed since
(``is_stale``), the checks before approval (``check_approvable``,
``approval_refusal``), and the approval itself (``apply``, one new version
of the target) or a new base (``rebase``).
"""

import logging
from plone import api
from sirhp.content import _
from sirhp.content.changes import rules
from sirhp.content.changes.content import current_version
from sirhp.content.changes.content import may_propose_field
from sirhp.content.changes.content import target_of
from sirhp.content.changes.errors import ChangeError
from sirhp.content.changes.values import display
from sirhp.content.changes.values import field_label
from sirhp.content.changes.values import field_title
from sirhp.content.changes.values import field_values
from sirhp.content.changes.values import masked_fields
from sirhp.content.changes.values import normalize
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.lifecycleevent import modified

logger = logging.getLogger("sirhp.content.changes")

# The change note of the version an approval makes (plone.app.versioningbehavior).
CHANGE_NOTE_KEY = "plone.app.versioningbehavior-changeNote"

MSG_STALE = _(
    "error_change_stale",
    default="L'élément a été modifié depuis cette demande : vérifiez les valeurs "
    "actuelles, puis rebasez la demande ou rejetez-la.",
)
MSG_APPROVAL_NEEDS_WRITE = _(
    "msg_change_approval_needs_write",
    default="Seule une personne habilitée à modifier ${fields} peut "
    "approuver cette demande.",
)


def is_stale(change, target=None):
    """Whether the target changed (or went away) since ``change`` was made."""
    target = target if target is not None else target_of(change)
    return rules.is_stale(
        change.base_version,
        current_version(target) if target is not None else None,
        target_exists=target is not None,
    )


def check_approvable(change):
    """Before approval, as the approver: the target has not changed since
    the request, and its values still pass every check.

    :raises ChangeError: stale request, or values no longer valid.
    :raises ChangeForbidden: a field the approver may not write.
    """
    if is_stale(change):
        raise ChangeError(MSG_STALE)
    values = field_values(change)
    if values:
        normalize(target_of(change), values)


def fields_user_may_not_approve(change):
    """Labels of the proposed fields the current user may not write on the
    target: such a request is approved by someone else."""
    target = target_of(change)
    names = list(field_values(change))
    if target is None:
        return names
    return [
        field_label(target, name)
        for name in names
        if not may_propose_field(target, name)
    ]


def approval_refusal(change):
    """Why the current user may not approve ``change`` because of its
    fields (in the user's language), or None."""
    labels = fields_user_may_not_approve(change)
    if not labels:
        return None
    fields = ", ".join(f"« {label} »" for label in labels)
    message = Message(MSG_APPROVAL_NEEDS_WRITE, mapping={"fields": fields})
    return translate(message, context=getRequest(), default=message.default)


def _photo_row(change, target):
    return {
        "field": rules.PHOTO_KEY,
        "label": _("Photo d'identité"),
        "title": _("Photo d'identité"),
        "current": rules.PHOTO_CURRENT if getattr(target, "photo", None) else "—",
        "proposed": "nouvelle photo (ci-dessous)",
        "proposed_json": rules.PHOTO_PROPOSED,
        "current_json": (change.current or {}).get(rules.PHOTO_KEY),
        "changed_since": False,
        "photo_url": f"{change.absolute_url()}/@@images/new_photo",
    }


def diff(change):
    """What the current user may see of each proposed value.

    :returns: rows {field, label (French), title (the field's i18n message,
        for pages), current, proposed, current_json, proposed_json,
        changed_since, hidden}: values the user may not see
        are masked (``masked_fields``).
    """
    target = target_of(change)
    masked = masked_fields(change, target)
    rows = []
    if getattr(change, "new_photo", None) is not None:
        rows.append(_photo_row(change, target))
    for name, value in field_values(change).items():
        label = field_label(target, name) if target is not None else name
        title = field_title(target, name) if target is not None else name
        if name in masked:
            rows.append(
                {
                    "field": name,
                    "label": label,
                    "title": title,
                    "current": masked[name],
                    "proposed": masked[name],
                    "proposed_json": None,
                    "current_json": None,
                    "changed_since": None,
                    "hidden": True,
                }
            )
            continue
        live = (
            rules.to_json(getattr(target, name, None)) if target is not None else None
        )
        rows.append(
            {
                "field": name,
                "label": label,
                "title": title,
                "current": display(target, name, live) if target is not None else "—",
                "proposed": display(target, name, value)
                if target is not None
                else str(value),
                "proposed_json": value,
                "current_json": live,
                "changed_since": live != (change.current or {}).get(name),
                "hidden": False,
            }
        )
    return rows


def conflicts(change):
    """Other pending requests on the same target touching the same fields.

    :returns: a list of {"request": ChangeRequest, "fields": [names]}.
    """
    catalog = api.portal.get_tool("portal_catalog")
    result = []
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ChangeRequest",
        review_state="pending",
        path="/".join(change.__parent__.getPhysicalPath()),
    ):
        if brain.UID == change.UID():
            continue
        other = brain._unrestrictedGetObject()
        if other.target_uid != change.target_uid:
            continue
        common = rules.common_fields(change.proposed, other.proposed)
        if common:
            result.append({"request": other, "fields": common})
    return result


def apply(change, *, approver_id):
    """Write the proposed values on the target: one new version naming the
    request, its requester and its approver. The values are checked again
    as the approver; then they are written as the system (the approval
    permission was checked by the workflow).

    :returns: the target.
    :raises ChangeForbidden: a field the approver may not write.
    """
    target = target_of(change)
    values = field_values(change)
    python = normalize(target, values)[1] if values else {}
    requester = (change.listCreators() or ("?",))[0]
    note = (
        f"Demande de modification {change.getId()} ({change.absolute_url_path()}) "
        f"demandée par {requester}, approuvée par {approver_id}"
    )
    http_request = getRequest()
    if http_request is not None:
        IAnnotations(http_request)[CHANGE_NOTE_KEY] = note
    with api.env.adopt_roles(["Manager"]):
        for name, value in python.items():
            setattr(target, name, value)
        if getattr(change, "new_photo", None) is not None:
            target.photo = change.new_photo
            target.photo_original = change.new_photo_original
            target.photo_crop = change.new_photo_crop
        modified(target)
        target.reindexObject()
    if http_request is not None:
        IAnnotations(http_request).pop(CHANGE_NOTE_KEY, None)
    change.applied_version = current_version(target)
    logger.info("%s applied to %s", note, "/".join(target.getPhysicalPath()))
    return target


def rebase(change):
    """Base ``change`` on its target as it is now (a reviewer's choice after
    the target changed): its current values and version are read again."""
    target = target_of(change)
    change.base_version = current_version(target)
    change.current = {
        name: rules.to_json(getattr(target, name, None))
        for name in change.proposed or {}
    }
