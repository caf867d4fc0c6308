"""A journal line's detail as text for people.

The journal stores details as JSON (``{"fields": ["grade"]}``, ``{"grade":
{"old": "Sergent", "new": "Sergent-chef"}}``) or plain text; the page shows
them as a sentence, ``grade : Sergent → Sergent-chef``, never as JSON. The
CSV keeps the stored value. Pure: no Zope import.
"""

import json

OLD_NEW = (("old", "new"), ("before", "after"), ("from", "to"))


def _value(value):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dict):
        for old, new in OLD_NEW:
            if set(value) == {old, new}:
                return f"{_value(value[old])} → {_value(value[new])}"
        return ", ".join(f"{key} : {_value(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(item) for item in value) or "—"
    return str(value)


def detail_text(detail) -> str:
    """The stored detail (JSON or text) as one line of text.

    :param detail: the journal's ``detail`` column.
    :returns: ``key : value`` parts joined by `` ; ``; a change as
        ``old → new``; lists joined by commas; plain text as it is.
    """
    if not detail:
        return ""
    try:
        value = json.loads(detail)
    except (TypeError, ValueError):
        return str(detail)
    if isinstance(value, dict):
        return " ; ".join(f"{key} : {_value(item)}" for key, item in value.items())
    return _value(value)
