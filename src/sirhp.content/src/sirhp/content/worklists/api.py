"""Work lists: a personnel file with its records, submitted and validated
together; the review queue grouped by file; why an item was rejected.

Every item goes through the record workflow (``portal_workflow``): its
guards and checks apply item by item (four eyes, a record after its file, the
comment). An action is all or nothing: the first item the workflow refuses
rolls the whole action back, and the French error names it. Each transition
is journaled by the site's journal, one line per item.
"""

from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.people import full_name
from sirhp.content.changes.queue import review_queue
from sirhp.content.worklists import rules
import transaction
from ZODB.POSException import ConflictError
from zope.i18nmessageid import Message

RECORD_TYPES = ("ScannedDocument", "CareerEvent")

MSG_NOTHING_TO_SUBMIT = _(
    "error_worklist_nothing_to_submit",
    default="Rien à soumettre : ni le dossier ni ses pièces ne sont en brouillon.",
)
MSG_NOTHING_TO_VALIDATE = _(
    "error_worklist_nothing_to_validate",
    default="Rien à valider : ni le dossier ni ses pièces n'attendent votre "
    "validation.",
)
MSG_REFUSED = _(
    "error_worklist_refused",
    default="Action refusée pour « ${title} » : ${reason} Rien n'a été modifié.",
)
MSG_COMMENT = _(
    "error_worklist_comment",
    default="Le commentaire doit être un texte.",
)
SKIP_MESSAGES = {
    rules.SUBMITTED: _(
        "worklist_skipped_submitted",
        default="« ${title} » n'est pas validé : vous l'avez soumis vous-même ; "
        "un autre valideur doit le valider.",
    ),
    rules.MODIFIED: _(
        "worklist_skipped_modified",
        default="« ${title} » n'est pas validé : vous l'avez modifié en dernier ; "
        "un autre valideur doit le valider.",
    ),
    rules.FILE_NOT_VALIDATED: _(
        "worklist_skipped_file",
        default="« ${title} » n'est pas validé : son dossier n'est pas validé "
        "et ne l'est pas par cette action.",
    ),
}


class WorklistError(SirhpError):
    """A refusal of a grouped action (HTTP 400)."""


def workflow_entries(obj):
    """The workflow history of ``obj``, every chain, oldest first.

    :param obj: a workflowed object.
    :returns: a list of history entries (dicts).
    """
    history = getattr(obj, "workflow_history", None) or {}
    entries = [entry for chain in history.values() for entry in chain]
    return sorted(entries, key=lambda entry: entry.get("time") or 0)


def last_actor(obj, action):
    """Id of the user who last fired ``action`` on ``obj``, else None.

    :param obj: a workflowed object.
    :param action: a transition id (``submit``...).
    """
    entry = rules.last_entry(workflow_entries(obj), action)
    return entry.get("actor") if entry else None


def last_modifier(obj):
    """Id of the user who saved the last version of ``obj`` (CMFEditions),
    else None (no version kept).

    :param obj: a versioned object.
    """
    repository = api.portal.get_tool("portal_repository")
    history = repository.getHistoryMetadata(obj)
    if not history:
        return None
    length = history.getLength(countPurged=False)
    version_id = history.getVersionId(length - 1, countPurged=False)
    metadata = history.retrieve(version_id)["metadata"]["sys_metadata"]
    return metadata.get("principal") or None


def rejection(obj):
    """Why ``obj`` is back in draft: the reviewer's comment of the last
    reject, who and when; None when it was not rejected (or resubmitted).

    :param obj: a personnel file or record.
    :returns: ``{"comment", "actor", "fullname", "time"}`` (``time`` a
        ``DateTime``) or None.
    """
    found = rules.rejection(workflow_entries(obj))
    if found is None:
        return None
    return dict(found, fullname=full_name(found["actor"]))


def _file_path(path, depth):
    """The path of the personnel file an item at ``path`` belongs to (files
    live directly in their agency)."""
    return "/".join(path.split("/")[:depth])


def queue_groups(portal_type=None, unit=None, limit=500):
    """The review queue (``changes.queue.review_queue``) in one block per
    personnel file: the file if pending, then its pending records; each item
    with who submitted it (catalog metadata only).

    :param portal_type: one of the queue's types, else every type.
    :param unit: the UID of a unit, to keep its items only.
    :param limit: the most items read.
    :returns: ``[{"file_path", "file", "items", "title", "matricule"}]``;
        ``file`` and every item of ``items`` are queue items with
        ``submitter`` (full name), ``submitter_id`` and ``since_text``
        (dd/mm/yyyy).
    """
    depth = len(api.portal.get().getPhysicalPath()) + 2
    items = []
    for item in review_queue(portal_type=portal_type, unit=unit, limit=limit):
        brain = item["brain"]
        # a change request is submitted by its requester (its creator)
        actor = getattr(brain, "last_actor", None) or (
            brain.Creator if brain.portal_type == "ChangeRequest" else ""
        )
        items.append(
            dict(
                item,
                file_path=_file_path(brain.getPath(), depth),
                is_file=brain.portal_type == "PersonnelFile",
                submitter_id=actor,
                submitter=full_name(actor),
                since_text=(
                    brain.state_since.strftime("%d/%m/%Y") if brain.state_since else ""
                ),
            )
        )
    groups = rules.group_by_file(items)
    for group in groups:
        first = group["file"] or group["items"][0]
        group["matricule"] = first["matricule"]
        group["title"] = first["title"] if group["file"] else ""
        group["url"] = first["@id"] if group["file"] else ""
    return groups


def _records(file, state):
    return [
        brain.getObject()
        for brain in api.content.find(
            context=file,
            portal_type=list(RECORD_TYPES),
            review_state=state,
            sort_on="state_since",
        )
    ]


def draft_records(*, file):
    """The draft records of ``file`` the caller sees (what ``submit_all``
    submits with the file).

    :param file: a personnel file.
    :returns: the records, oldest state first.
    """
    return _records(file, "draft")


def pending_records(*, file):
    """The records of ``file`` waiting for validation that the caller sees.

    :param file: a personnel file.
    :returns: a list of ``{"@id", "title", "type"}``.
    """
    return [describe(obj) for obj in _records(file, "pending")]


def describe(obj, reason=None):
    """An item as the answers list it.

    :param obj: a file or record.
    :param reason: why it is left out, if it is.
    :returns: ``{"@id", "title", "type"}`` (and ``reason``).
    """
    item = {"@id": obj.absolute_url(), "title": obj.Title(), "type": obj.portal_type}
    if reason is not None:
        item["reason"] = reason
    return item


def _check_comment(comment):
    if comment is not None and not isinstance(comment, str):
        raise WorklistError(MSG_COMMENT, field="comment")
    return comment or ""


def _fire(objects, transition, comment):
    """Fire ``transition`` on each object in order, all or nothing."""
    savepoint = transaction.savepoint()
    workflow = api.portal.get_tool("portal_workflow")
    for obj in objects:
        try:
            # portal_workflow, not api.content.transition: the latter
            # replaces the workflow's French reason with "Invalid transition".
            workflow.doActionFor(obj, transition, comment=comment)
        except ConflictError:
            raise  # the publisher retries the whole request
        except (WorkflowException, api.exc.InvalidParameterError) as error:
            savepoint.rollback()
            raise WorklistError(
                Message(
                    MSG_REFUSED,
                    mapping={"title": obj.Title(), "reason": _sentence(error)},
                )
            ) from None


def _sentence(error):
    text = str(error).strip() or "?"
    return text if text.endswith((".", "!", "?")) else text + "."


def submit_all(*, file, comment=None):
    """Submit ``file`` (when in draft) and its draft records together, all or
    nothing.

    :param file: a personnel file.
    :param comment: the workflow comment of every item (text).
    :returns: the submitted items (``{"@id", "title", "type"}``), the file
        first.
    :raises WorklistError: nothing in draft, a comment that is not text, or
        an item the workflow refused (named); nothing changed.
    """
    comment = _check_comment(comment)
    objects = [file] if api.content.get_state(file) == "draft" else []
    objects += draft_records(file=file)
    if not objects:
        raise WorklistError(MSG_NOTHING_TO_SUBMIT)
    _fire(objects, "submit", comment)
    return [describe(obj) for obj in objects]


def validation_plan(*, file):
    """What ``validate_all`` would do for the current user: the items it
    validates and those it leaves out, with why (four eyes: an item the user
    submitted or last modified; a record whose file stays unvalidated).

    :param file: a personnel file.
    :returns: ``{"validate": [obj...], "skipped": [(obj, message)...]}``,
        the file first; messages are i18n messages.
    """
    user = api.user.get_current().getId()
    state = api.content.get_state(file)
    skipped = []

    def reason(obj):
        return rules.skip_reason(user, last_actor(obj, "submit"), last_modifier(obj))

    validate = []
    file_skipped = False
    if state == "pending":
        why = reason(file)
        if why:
            file_skipped = True
            skipped.append((file, why))
        else:
            validate.append(file)
    records = []
    for obj in _records(file, "pending"):
        why = reason(obj)
        if why:
            skipped.append((obj, why))
        else:
            records.append(obj)
    kept, left_out = rules.validation_order(state, file_skipped, records)
    validate += kept
    skipped += left_out
    return {
        "validate": validate,
        "skipped": [
            (obj, Message(SKIP_MESSAGES[why], mapping={"title": obj.Title()}))
            for obj, why in skipped
        ],
    }


def validate_all(*, file, comment=None):
    """Validate ``file`` (when pending) and its pending records together, all
    or nothing; what four eyes forbid this user is left out, with why.

    :param file: a personnel file.
    :param comment: the workflow comment of every item (text).
    :returns: ``{"validated": [...], "skipped": [...]}`` of
        ``{"@id", "title", "type"}`` (skipped ones with ``reason``, French
        i18n messages).
    :raises WorklistError: nothing this user may validate (the reasons
        given), a comment that is not text, or an item the workflow refused
        (named); nothing changed.
    """
    comment = _check_comment(comment)
    plan = validation_plan(file=file)
    if not plan["validate"]:
        reasons = [message for _obj, message in plan["skipped"]]
        raise WorklistError(
            reasons[0] if len(reasons) == 1 else MSG_NOTHING_TO_VALIDATE
        )
    _fire(plan["validate"], "validate", comment)
    return {
        "validated": [describe(obj) for obj in plan["validate"]],
        "skipped": [describe(obj, message) for obj, message in plan["skipped"]],
    }
