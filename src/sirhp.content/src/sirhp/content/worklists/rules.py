"""Work lists: pure rules (no Zope import).

Workflow history entries are plain dicts (``action``, ``actor``,
``comments``, ``time``); queue items are dicts with a ``file_path`` (the
path of the personnel file they belong to) and ``is_file``.
"""

REJECT = "reject"
SUBMIT = "submit"
# why an item is left out of a validation by this reviewer (four eyes)
SUBMITTED = "submitted"
MODIFIED = "modified"
# why a record is left out: its file stays unvalidated
FILE_NOT_VALIDATED = "file"


def last_entry(entries, action=None):
    """The latest entry (of ``action``, if given) of a workflow history
    (entries oldest first, as the workflow tool keeps them), else None."""
    for entry in reversed(list(entries or ())):
        if action is None or entry.get("action") == action:
            return entry
    return None


def rejection(entries):
    """The rejection still in force: the last entry when it is a reject,
    as ``{"comment", "actor", "time"}``; None otherwise (resubmitted since,
    or never rejected)."""
    entry = last_entry([e for e in entries or () if e.get("action")])
    if entry is None or entry.get("action") != REJECT:
        return None
    return {
        "comment": (entry.get("comments") or "").strip(),
        "actor": entry.get("actor") or "",
        "time": entry.get("time"),
    }


def skip_reason(user, submitter, modifier):
    """Four eyes for one item: ``SUBMITTED`` when ``user`` submitted it,
    ``MODIFIED`` when ``user`` last modified it, else None."""
    if not user:
        return SUBMITTED
    if submitter and user == submitter:
        return SUBMITTED
    if modifier and user == modifier:
        return MODIFIED
    return None


def group_by_file(items):
    """One group per personnel file, in the order of each group's first
    item (the queue's order: oldest first): ``{"file_path", "file",
    "items"}`` with ``file`` the file's own item (or None when only its
    records wait) and ``items`` its records, in their order."""
    groups = {}
    for item in items:
        group = groups.setdefault(
            item["file_path"],
            {"file_path": item["file_path"], "file": None, "items": []},
        )
        if item.get("is_file"):
            group["file"] = item
        else:
            group["items"].append(item)
    return list(groups.values())


def validation_order(file_state, file_skipped, records):
    """Which records of a group can be validated with the file.

    A record is validated only once its file is (the workflow's guard): when
    the file stays unvalidated (not validated and skipped or not part of the
    action), every record is left out with ``FILE_NOT_VALIDATED``.

    :param file_state: the file's state before the action.
    :param file_skipped: True when the file is pending but left out.
    :param records: the records' items.
    :returns: ``(kept, left_out)``, left_out as ``(item, reason)`` pairs.
    """
    if file_state == "validated" or (file_state == "pending" and not file_skipped):
        return list(records), []
    return [], [(record, FILE_NOT_VALIDATED) for record in records]
