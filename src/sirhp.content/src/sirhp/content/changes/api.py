"""Change requests: propose, compare, approve (the domain API).

Used by the pages and services of SIRHP and by the change workflow's
handlers. Every rule of a request is checked once, in this API, whatever the
channel (edit form, REST ``PATCH`` and ``@change-requests``, « Mon dossier »,
the photo page): here (who may propose, validated content, justification,
scan), in ``values`` (the proposed values: ``normalize``) and in ``review``
(approval), both re-exported here. Refusals raise ``ChangeError`` (HTTP 400)
or ``ChangeForbidden`` (403) with an i18n message; nothing is stored when one
is raised.

Field permissions (``read_permission`` / ``write_permission`` of the
target's schema, e.g. medical fields) rule every channel:

- a field is proposed only by someone who may read and write it on the
  target, and approved only by someone who may (``normalize``, run as the
  requester and again as the approver; the approve guard hides the button);
- what a request shows of current and proposed values (page, JSON, diff)
  follows the reader's permission on the target (``masked_fields``).
"""

from AccessControl import Unauthorized
from plone import api
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from sirhp.content import _
from sirhp.content.changes import rules
from sirhp.content.changes.attachment import checked_attachment
from sirhp.content.changes.content import current_version
from sirhp.content.changes.content import may_propose_field
from sirhp.content.changes.content import proposable_fields
from sirhp.content.changes.content import target_of  # noqa: F401 (public API)
from sirhp.content.changes.errors import ChangeError
from sirhp.content.changes.errors import ChangeForbidden  # noqa: F401 (public API)
from sirhp.content.changes.queue import queue_counts  # noqa: F401 (public API)
from sirhp.content.changes.queue import QUEUE_TYPES  # noqa: F401 (public API)
from sirhp.content.changes.queue import review_queue  # noqa: F401 (public API)
from sirhp.content.changes.review import apply  # noqa: F401 (public API)
from sirhp.content.changes.review import approval_refusal  # noqa: F401 (public API)
from sirhp.content.changes.review import check_approvable  # noqa: F401 (public API)
from sirhp.content.changes.review import conflicts  # noqa: F401 (public API)
from sirhp.content.changes.review import diff  # noqa: F401 (public API)
from sirhp.content.changes.review import fields_user_may_not_approve  # noqa: F401
from sirhp.content.changes.review import is_stale  # noqa: F401 (public API)
from sirhp.content.changes.review import rebase  # noqa: F401 (public API)
from sirhp.content.changes.values import display  # noqa: F401 (public API)
from sirhp.content.changes.values import field_label  # noqa: F401 (public API)
from sirhp.content.changes.values import field_values  # noqa: F401 (public API)
from sirhp.content.changes.values import masked_fields  # noqa: F401 (public API)
from sirhp.content.changes.values import normalize
from sirhp.content.changes.values import shown_values  # noqa: F401 (public API)
from sirhp.content.changes.values import value_from_text  # noqa: F401 (public API)
from sirhp.content.content.records import parent_file
from sirhp.content.permissions import AddChangeRequest

MSG_NO_FILE = _(
    "error_change_no_file", default="Cet élément n'appartient à aucun dossier."
)
MSG_NOT_VALIDATED = _(
    "error_change_not_validated",
    default="Seul un élément validé fait l'objet d'une demande de modification ; "
    "un brouillon se modifie directement.",
)
MSG_FILE_NOT_VALIDATED = _(
    "error_change_file_not_validated",
    default="Seul un dossier validé fait l'objet d'une demande.",
)
MSG_TARGET_NOT_IN_FILE = _(
    "error_change_target_not_in_file",
    default="« target » : élément introuvable dans ce dossier.",
)
JUSTIFICATION_REFUSALS = {
    rules.NOT_TEXT: _(
        "error_change_justification_type",
        default="La justification doit être un texte.",
    ),
    rules.MISSING: _(
        "error_change_justification_required",
        default="Une justification est obligatoire.",
    ),
    rules.TOO_LONG: _(
        "error_change_justification_too_long",
        default="Justification trop longue (${max} caractères au plus).",
        mapping={"max": rules.MAX_JUSTIFICATION},
    ),
}


def may_propose(obj):
    """Whether the current user proposes a change to ``obj`` through the edit
    form, ``PATCH`` or the photo page: records staff holding ``sirhp: Add
    ChangeRequest`` on its file, on validated content. The officer concerned
    uses « Mon dossier » instead.

    :param obj: a personnel file or a record inside one.
    :returns: bool.
    """
    file = parent_file(obj)
    return (
        file is not None
        and api.content.get_state(obj, default=None) == "validated"
        and api.user.has_permission(AddChangeRequest, obj=file)
        and api.user.get_current().getId() != file.matricule
    )


def requester_kind(file):
    """Who proposes on ``file``: ``"officer"`` (the file's own officer) or
    ``"staff"``."""
    return rules.kind_of(api.user.get_current().getId(), file.matricule)


def find_target(*, file, uid=None):
    """What a request on ``file`` is about: the file itself, or the record
    of that file with ``uid`` the current user may see.

    :raises ChangeError: no such record in this file.
    """
    if not uid:
        return file
    found = api.content.get(UID=str(uid))
    found_file = parent_file(found) if found is not None else None
    if found_file is None or found_file.UID() != file.UID():
        raise ChangeError(MSG_TARGET_NOT_IN_FILE, field="target")
    return found


def changes_from_form(obj, data):
    """{field: JSON value} of the proposable fields of ``obj`` whose value in
    ``data`` (a form's Python values) differs from the stored one."""
    allowed = set(proposable_fields(obj))
    return {
        name: rules.to_json(value)
        for name, value in data.items()
        if name in allowed and rules.differs(value, getattr(obj, name, None))
    }


def _check_may_request(file):
    """``sirhp: Add ChangeRequest`` on the file (records staff of the agency,
    the officer concerned), else Unauthorized (as for any permission)."""
    if not api.user.has_permission(AddChangeRequest, obj=file):
        raise Unauthorized("sirhp: Add ChangeRequest")


def _justification(value):
    """The justification to store; the one rule of every channel."""
    refusal = rules.justification_refusal(value)
    if refusal is not None:
        raise ChangeError(JUSTIFICATION_REFUSALS[refusal], field="justification")
    return rules.clean_justification(value)


def _add(file, target, justification, **values):
    """Store a pending request about ``target`` in ``file`` (the caller
    checked the permission; the name chooser makes the id unique)."""
    change = createContent("ChangeRequest", justification=justification)
    change.target_uid = target.UID()
    change.target_title = target.Title()
    change.base_version = current_version(target)
    for name, value in values.items():
        if value is not None:
            setattr(change, name, value)
    change.id = "demande"
    return addContentToContainer(file, change, checkConstraints=False)


def propose(*, target, changes, justification, attachment=None, kind=rules.STAFF):
    """Propose new values for validated content: a pending ChangeRequest.

    :param target: a validated personnel file or a record inside one.
    :param changes: {field name: JSON value} (dates ISO, relations by UID).
    :param justification: why (required, 2,000 characters at most).
    :param attachment: an optional supporting scan, (filename, bytes).
    :param kind: ``"staff"`` or ``"officer"`` (who proposes).
    :returns: the new ChangeRequest (in the target's file).
    :raises ChangeError: not validated, no file, bad justification, values
        or scan.
    :raises ChangeForbidden: a field the current user may not write.
    :raises Unauthorized: no ``sirhp: Add ChangeRequest`` on the file.
    """
    file = parent_file(target)
    if file is None:
        raise ChangeError(MSG_NO_FILE)
    if api.content.get_state(target, default=None) != "validated":
        raise ChangeError(MSG_NOT_VALIDATED)
    _check_may_request(file)
    justification = _justification(justification)
    values, _python = normalize(target, changes)
    return _add(
        file,
        target,
        justification,
        proposed=values,
        current={name: rules.to_json(getattr(target, name, None)) for name in values},
        kind=kind,
        attachment=checked_attachment(attachment),
    )


def check_photo_proposal(*, file, justification):
    """Whether a new ID photo may be proposed for ``file`` (checked before
    the picture itself, so the refusals come in the same order everywhere).

    :param file: the personnel file.
    :param justification: why (required, 2,000 characters at most).
    :returns: the justification to store.
    :raises ChangeError: not validated, bad justification.
    :raises Unauthorized: no ``sirhp: Add ChangeRequest`` on the file.
    """
    if api.content.get_state(file, default=None) != "validated":
        raise ChangeError(MSG_FILE_NOT_VALIDATED)
    _check_may_request(file)
    return _justification(justification)


def propose_photo(*, file, original, photo, crop, justification):
    """Propose a new ID photo for a validated file: a pending ChangeRequest
    holding the picture. The picture is checked and cropped by the badge
    domain first (``sirhp.content.badges.api.set_or_propose_photo``, the one
    caller), which depends on this module, not the reverse.

    :param file: a validated personnel file.
    :param original: the cleaned original (``NamedBlobImage``).
    :param photo: the ID crop (``NamedBlobImage``).
    :param crop: the crop box as stored (``"x,y,w,h"``, or "" when centred).
    :param justification: why (required, 2,000 characters at most).
    :returns: the new ChangeRequest.
    :raises ChangeError: not validated, bad justification.
    :raises Unauthorized: no ``sirhp: Add ChangeRequest`` on the file.
    """
    justification = check_photo_proposal(file=file, justification=justification)
    return _add(
        file,
        file,
        justification,
        proposed={rules.PHOTO_KEY: rules.PHOTO_PROPOSED},
        current={rules.PHOTO_KEY: rules.PHOTO_CURRENT if file.photo else None},
        kind=rules.STAFF,
        new_photo=photo,
        new_photo_original=original,
        new_photo_crop=crop,
    )


def requests_of(file):
    """The change requests of ``file`` the current user may see, newest
    first."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="ChangeRequest",
        path={"query": "/".join(file.getPhysicalPath()), "depth": 1},
        sort_on="created",
        sort_order="descending",
    )
    return [brain.getObject() for brain in brains]


def own_file():
    """The current user's validated personnel file (« Mon dossier »).

    :returns: the file whose matricule is the user's id, or None.
    """
    user = api.user.get_current()
    if user is None or api.user.is_anonymous():
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="PersonnelFile", matricule=user.getId(), review_state="validated"
    )
    return brains[0].getObject() if len(brains) == 1 else None


def report_fields(file):
    """What the officer may report as wrong on the own ``file``: the
    officer's fields of the file, then those of its validated career events,
    each only if the current user may propose it.

    :returns: a list of {"target", "name", "label", "title"} (``title``:
        the career event's title, None for the file).
    """
    fields = [
        {"target": file, "name": name, "label": field_label(file, name), "title": None}
        for name in rules.OFFICER_FILE_FIELDS
        if may_propose_field(file, name)
    ]
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog(
        path={"query": "/".join(file.getPhysicalPath()), "depth": 1},
        show_inactive=True,  # no publication dates in SIRHP: skip that filter
        portal_type="CareerEvent",
        review_state="validated",
        sort_on="event_date",
    ):
        event = brain.getObject()
        fields += [
            {
                "target": event,
                "name": name,
                "label": field_label(event, name),
                "title": brain.Title,
            }
            for name in rules.OFFICER_EVENT_FIELDS
            if may_propose_field(event, name)
        ]
    return fields


def decisions(file):
    """The approved requests of ``file``, newest first, reduced to what
    changed, when and by whose decision. Read unrestricted on purpose: the
    officer may not read staff's requests, but may know what changed on the
    own file.

    :returns: a list of {"since" (DateTime), "what", "fields" (labels),
        "by" (the decider's full name, else id)}.
    """
    catalog = api.portal.get_tool("portal_catalog")
    entries = []
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ChangeRequest",
        review_state="approved",
        path={"query": "/".join(file.getPhysicalPath()), "depth": 1},
        sort_on="state_since",
        sort_order="descending",
    ):
        change = brain._unrestrictedGetObject()
        target = target_of(change)
        decider = api.user.get(userid=change.decided_by or "")
        entries.append(
            {
                "since": brain.state_since,
                "what": change.target_title,
                "fields": [
                    field_label(target, name) if target is not None else name
                    for name in (change.proposed or {})
                ],
                "by": (decider.getProperty("fullname") if decider else "")
                or (change.decided_by or ""),
            }
        )
    return entries
