"""Rules of change requests that need no Zope (unit-tested without a site).

What a request may change, what a justification must be, how values are
compared and typed. The API (``api.py``) applies them and words the
refusals; nothing here knows about users, permissions or the catalog.
"""

from datetime import date
from datetime import datetime

# The key of a proposed photo in ``proposed`` (the image is ``new_photo``),
# and what a photo request stores and shows as its values.
PHOTO_KEY = "photo"
PHOTO_CURRENT = "photo actuelle"
PHOTO_PROPOSED = "nouvelle photo"

# Fields never changed through a request: identity of the object, files,
# what the workflow or SIRHP sets, and versioning (administrators only).
NOT_PROPOSABLE = frozenset(
    {
        "matricule",
        "photo",
        "photo_original",
        "photo_crop",
        "file",
        "card_number",
        "revocation_reason",
        "changeNote",
        "versioning_enabled",
    }
)

# Fields of a validated personnel file that its validated career acts write
# (``sirhp.content.careers.apply``): changed by filing a career act, never by
# a request (a request on the act corrects the act).
SET_BY_ACTS = (
    "grade",
    "grade_date",
    "echelon",
    "echelon_date",
    "unit",
    "status",
    "position",
    "corps",
)
FILE_TYPE = "PersonnelFile"

# A justification is required, and short enough to be read by a reviewer.
MAX_JUSTIFICATION = 2000

# A supporting scan is small: one act, one certificate.
ATTACHMENT_MAX_MB = 10

# Who proposes: records staff, or the officer the file is about.
STAFF = "staff"
OFFICER = "officer"

# What an officer may report as wrong on the own file, and on its career
# events (offered only if the officer may write it: the medical fields are
# written by HR managers only, so they are not offered).
OFFICER_FILE_FIELDS = (
    "last_name",
    "first_names",
    "birth_date",
    "birth_place",
    "marital_status",
    "children_count",
    "phone",
    "email",
    "address",
    "emergency_contact",
    "hire_date",
    "languages",
    "skills",
    "driving_licences",
    "blood_group",
)
OFFICER_EVENT_FIELDS = ("event_date", "reference", "details")

# Dates typed by a person: French first, ISO accepted.
TYPED_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")

# Why a justification is refused (``justification_refusal``).
NOT_TEXT = "not-text"
MISSING = "missing"
TOO_LONG = "too-long"


def justification_refusal(value):
    """Why ``value`` is not an acceptable justification (``NOT_TEXT``,
    ``MISSING``, ``TOO_LONG``), or None. Leading and trailing blanks do not
    count."""
    if value is not None and not isinstance(value, str):
        return NOT_TEXT
    text = clean_justification(value)
    if not text:
        return MISSING
    if len(text) > MAX_JUSTIFICATION:
        return TOO_LONG
    return None


def clean_justification(value):
    """The justification as stored: without leading and trailing blanks."""
    return (value or "").strip()


def is_proposable(name, readonly=False):
    """A field a request may change (whoever proposes)."""
    return not readonly and name not in NOT_PROPOSABLE


def set_by_acts(portal_type, names):
    """The fields among ``names`` that career acts set on a ``portal_type``
    object (in ``SET_BY_ACTS`` order; empty for anything but a file)."""
    if portal_type != FILE_TYPE:
        return []
    return [name for name in SET_BY_ACTS if name in names]


def is_empty(value):
    """No value at all (shown as a dash, refused for a required field)."""
    return value in (None, "", [], ())


def to_json(value):
    """A stored field value as JSON (dates ISO, relations and objects by UID,
    sets sorted): the form in which values are proposed and compared."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "to_object"):  # z3c.relationfield RelationValue
        target = None if value.isBroken() else value.to_object
        return target.UID() if target is not None else None
    if callable(getattr(value, "UID", None)):  # a content object (forms)
        return value.UID()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return value


def differs(new_value, stored_value):
    """The proposed value really changes the stored one (compared as JSON)."""
    return to_json(new_value) != to_json(stored_value)


def common_fields(proposed, other_proposed):
    """The fields two requests both change, sorted (a conflict if any)."""
    return sorted(set(proposed or {}) & set(other_proposed or {}))


def kind_of(user_id, matricule):
    """``OFFICER`` when the file's own officer proposes, else ``STAFF``."""
    return OFFICER if user_id and user_id == matricule else STAFF


def is_stale(base_version, current_version, target_exists=True):
    """The target changed (or went away) since the request was made."""
    return not target_exists or current_version != base_version


def iso_date(value):
    """A JSON date (``YYYY-MM-DD``, a time part ignored) as a date.
    Raises TypeError or ValueError."""
    if not isinstance(value, str):
        raise TypeError(value)
    return date.fromisoformat(value[:10])


def date_from_text(text):
    """A date typed by a person (``jj/mm/aaaa`` or ISO), or None."""
    for pattern in TYPED_DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def int_from_text(text):
    """An integer typed by a person, or None."""
    try:
        return int(text)
    except ValueError:
        return None


def items_from_text(text):
    """The items of a comma-separated list typed by a person."""
    return [item.strip() for item in text.split(",") if item.strip()]


def display_date(value):
    """``dd/mm/yyyy`` of an ISO date string, or None if it is not one."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return None
    return None


def shown_values(values, masked):
    """``values`` ({field: JSON}) with the masked ones replaced by None."""
    return {
        name: (None if name in masked else value)
        for name, value in (values or {}).items()
    }
