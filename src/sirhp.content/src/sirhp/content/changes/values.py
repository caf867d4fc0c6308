"""Field values of change requests: typed, checked, shown, masked.

- ``value_from_text``: THE parser of a value typed as text (a form's text
  box: the officer's « Signaler une inexactitude »);
- ``python_value``: a proposed JSON value as the object stores it, checked
  by the field (every channel: REST, forms, typed text);
- ``normalize``: the proposed values of a request checked together (which
  fields, who may write them, what really changes, the schema's invariants);
- ``field_label``, ``display``: what a reader sees (French);
- ``masked_fields``: what the current reader may not see of a request
  (field read permissions; a sensitive value needs a consultation reason,
  asked of the site policy through ``sirhp.content.base.hooks``).
"""

from plone import api
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.dexterity.utils import iterSchemata
from sirhp.content import _
from sirhp.content.base.hooks import may_show_sensitive
from sirhp.content.changes import rules
from sirhp.content.changes.content import may_propose_field
from sirhp.content.changes.content import proposable_fields
from sirhp.content.changes.content import schema_fields
from sirhp.content.changes.content import target_of
from sirhp.content.changes.errors import ChangeError
from sirhp.content.changes.errors import ChangeForbidden
from sirhp.content.content.field_access import field_permissions
from sirhp.content.content.field_access import may_read_field
from sirhp.content.content.records import parent_file
from sirhp.content.content.records import term_title
from z3c.relationfield import RelationValue
from z3c.relationfield.interfaces import IRelationChoice
from zope import schema as zschema
from zope.component import getUtility
from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import Invalid
from zope.intid.interfaces import IIntIds
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.interfaces import ValidationError

# Read permission of the fields whose values need a consultation reason.
SENSITIVE_READ_PERMISSION = "sirhp.content.ReadSensitive"

MSG_HIDDEN = _("change_value_hidden", default="masqué")
MSG_HIDDEN_REASON = _(
    "change_value_hidden_reason",
    default="masqué : indiquez d'abord le motif de consultation sur le dossier",
)
MSG_REQUIRED = _("error_change_field_required", default="« ${field} » est obligatoire.")
MSG_NOT_FOUND = _(
    "error_change_field_not_found", default="« ${field} » : élément introuvable."
)
MSG_LIST_EXPECTED = _(
    "error_change_field_list_expected", default="« ${field} » : une liste est attendue."
)
MSG_INVALID = _("error_change_field_invalid", default="« ${field} » : ${reason}")
MSG_VALUE_REFUSED = _("change_value_refused", default="valeur refusée")
MSG_DATE_FORMAT = _(
    "error_change_date_format",
    default="Date attendue au format jj/mm/aaaa (ex. 02/05/1994).",
)
MSG_INTEGER = _(
    "error_change_integer_expected", default="Un nombre entier est attendu."
)
MSG_UNKNOWN_VALUE = _(
    "error_change_unknown_value", default="Valeur inconnue : « ${value} »."
)

MSG_NO_FIELD = _(
    "error_change_no_field", default="Indiquez au moins un champ à modifier."
)
MSG_UNKNOWN_FIELDS = _(
    "error_change_unknown_fields",
    default="Champ(s) inconnu(s) ou non modifiable(s) par une demande : ${fields}.",
)
MSG_FIELDS_FORBIDDEN = _(
    "error_change_fields_forbidden",
    default="Vous n'avez pas le droit de modifier ces champs, ni "
    "de proposer ou d'approuver leur modification : ${fields}.",
)
MSG_SET_BY_ACTS = _(
    "error_change_set_by_acts",
    default="Ces champs découlent des actes de carrière validés et ne se "
    "modifient pas par une demande : ${fields}. Déposez un acte de carrière "
    "(promotion, affectation, mutation, position...) dans le dossier ; pour "
    "corriger un acte, demandez la modification de l'acte.",
)
MSG_SAME_VALUES = _(
    "error_change_same_values",
    default="Les valeurs proposées sont identiques aux valeurs actuelles.",
)


def _text(message):
    """An i18n message in the language of the current request."""
    return translate(message, context=getRequest(), default=message.default)


def _field_error(obj, field, message, reason=""):
    """A refusal naming the field: « Label » ..."""
    mapping = {"field": field_label(obj, field.__name__), "reason": reason}
    return ChangeError(Message(message, mapping=mapping), field=field.__name__)


def field_title(obj, name):
    """The title (i18n message) of field ``name`` of ``obj``, for a page in
    the reader's language (its name if unknown)."""
    field = schema_fields(obj).get(name)
    return field.title if field is not None else name


def field_label(obj, name):
    """The French label of field ``name`` of ``obj`` (its name if unknown)."""
    return translate(field_title(obj, name), target_language="fr")


def _vocabulary_name(field):
    for candidate in (field, getattr(field, "value_type", None)):
        name = getattr(candidate, "vocabularyName", None)
        if name:
            return name
    return None


def display(obj, name, value):
    """A JSON value of field ``name`` of ``obj`` as French text."""
    if rules.is_empty(value):
        return "—"
    field = schema_fields(obj).get(name)
    if IRelationChoice.providedBy(field):
        target = api.content.get(UID=value) if isinstance(value, str) else None
        return target.Title() if target is not None else str(value)
    vocabulary = _vocabulary_name(field)
    if vocabulary:
        values = value if isinstance(value, list) else [value]
        return ", ".join(
            translate(term_title(vocabulary, item, obj), target_language="fr")
            for item in values
        )
    shown = rules.display_date(value)
    return shown if shown is not None else str(value)


def python_value(obj, name, value):
    """A proposed JSON value of field ``name`` as ``obj`` stores it,
    validated by the field (and its vocabulary). Raises ``ChangeError``."""
    field = schema_fields(obj)[name]
    bound = field.bind(obj)
    if value in (None, ""):
        if field.required:
            raise _field_error(obj, field, MSG_REQUIRED)
        return None
    try:
        if isinstance(field, zschema.Date):
            result = rules.iso_date(value)
        elif IRelationChoice.providedBy(field):
            target = api.content.get(UID=str(value))
            if target is None:
                raise _field_error(obj, field, MSG_NOT_FOUND)
            bound.validate(target)  # the vocabulary of the file's agency
            return RelationValue(getUtility(IIntIds).getId(target))
        elif isinstance(field, (zschema.List, zschema.Tuple, zschema.Set)):
            if not isinstance(value, list):
                raise _field_error(obj, field, MSG_LIST_EXPECTED)
            result = set(value) if isinstance(field, zschema.Set) else list(value)
        elif isinstance(field, zschema.Int):
            if isinstance(value, bool) or not isinstance(value, (int, str)):
                raise TypeError(value)
            result = int(value)
        elif isinstance(field, zschema.Bool):
            if not isinstance(value, bool):
                raise TypeError(value)
            result = value
        else:
            if not isinstance(value, str):  # no silent str() of numbers, lists
                raise TypeError(value)
            result = value
        bound.validate(result)
    except ChangeError:
        raise
    except (ValidationError, ValueError, TypeError) as error:
        doc = error.doc() if hasattr(error, "doc") else ""
        reason = (
            translate(doc, target_language="fr") if doc else _text(MSG_VALUE_REFUSED)
        )
        raise _field_error(obj, field, MSG_INVALID, reason) from None
    return result


def value_from_text(obj, name, text):
    """What a person typed in a text box -> the JSON value of field ``name``
    of ``obj``: dates ``jj/mm/aaaa`` (or ISO), integers, vocabulary codes or
    French labels (lists: comma-separated). The value is then checked by the
    field like any proposed value (``python_value``). Raises ``ChangeError``.
    """
    field = schema_fields(obj)[name]
    text = (text or "").strip()
    if isinstance(field, zschema.Date):
        typed = rules.date_from_text(text)
        if typed is None:
            raise ChangeError(MSG_DATE_FORMAT, field=name)
        return typed.isoformat()
    if isinstance(field, zschema.Int):
        typed = rules.int_from_text(text)
        if typed is None:
            raise ChangeError(MSG_INTEGER, field=name)
        return typed
    vocabulary = _vocabulary_name(field)
    if not vocabulary:
        return text
    factory = queryUtility(IVocabularyFactory, vocabulary)
    terms = list(factory(obj)) if factory is not None else []
    if isinstance(field, (zschema.List, zschema.Set, zschema.Tuple)):
        return [_term_value(terms, item, name) for item in rules.items_from_text(text)]
    return _term_value(terms, text, name)


def _term_value(terms, item, name):
    """The vocabulary code typed as its code or its French label."""
    item = item.strip()
    for term in terms:
        label = translate(term.title, target_language="fr") if term.title else ""
        if item.lower() in (str(term.value).lower(), label.lower()):
            return term.value
    raise ChangeError(Message(MSG_UNKNOWN_VALUE, mapping={"value": item}), field=name)


class _Merged:
    """The object as it would be with the proposed values (for invariants)."""

    def __init__(self, obj, values):
        self.__context__ = obj
        self._obj = obj
        self._values = values

    def __getattr__(self, name):
        if name in self._values:
            return self._values[name]
        return getattr(self._obj, name)


def normalize(obj, proposed):
    """Check ``proposed`` ({field: JSON value}) against ``obj``'s schema, as
    the current user (the requester, then again the approver).

    :returns: ({field: JSON value}, {field: Python value}) of the fields
        that really change.
    :raises ChangeError: unknown, read-only or invalid fields, fields the
        career acts set on a file, broken invariants, or nothing changes.
    :raises ChangeForbidden: a field the current user may not read or write.
    """
    if not isinstance(proposed, dict) or not proposed:
        raise ChangeError(MSG_NO_FIELD)
    allowed = set(proposable_fields(obj))
    unknown = sorted(name for name in proposed if name not in allowed)
    if unknown:
        raise ChangeError(
            Message(MSG_UNKNOWN_FIELDS, mapping={"fields": ", ".join(unknown)})
        )
    by_acts = rules.set_by_acts(getattr(obj, "portal_type", None), proposed)
    if by_acts:
        labels = ", ".join(f"« {field_label(obj, name)} »" for name in by_acts)
        raise ChangeError(
            Message(MSG_SET_BY_ACTS, mapping={"fields": labels}), field=by_acts[0]
        )
    denied = [name for name in proposed if not may_propose_field(obj, name)]
    if denied:
        labels = ", ".join(f"« {field_label(obj, name)} »" for name in denied)
        raise ChangeForbidden(Message(MSG_FIELDS_FORBIDDEN, mapping={"fields": labels}))
    changes, python = {}, {}
    for name, value in proposed.items():
        new = python_value(obj, name, value)
        if rules.differs(new, getattr(obj, name, None)):
            changes[name] = rules.to_json(new)
            python[name] = new
    if not changes:
        raise ChangeError(MSG_SAME_VALUES)
    merged = _Merged(obj, python)
    for iface in iterSchemata(obj):
        try:
            iface.validateInvariants(merged)
        except Invalid as error:
            raise ChangeError(str(error)) from None
    return changes, python


def field_values(change):
    """The proposed field values, without the photo (applied apart)."""
    return {k: v for k, v in (change.proposed or {}).items() if k != rules.PHOTO_KEY}


def masked_fields(change, target=None, http_request=None):
    """{field: text shown instead} of the values of ``change`` the current
    user may not see (current and proposed alike).

    Hidden: a field the user may not read on the target (its
    ``read_permission``); a sensitive field without a consultation reason
    (header ``X-SIRHP-Reason`` or the reason given on the file page), as on
    the file. Showing a sensitive value is journaled first by the site
    policy (if the journal cannot be written, nothing is shown).
    """
    names = set(field_values(change)) | {
        name for name in (change.current or {}) if name != rules.PHOTO_KEY
    }
    if not names:
        return {}
    target = target if target is not None else target_of(change)
    if target is None:
        return {name: _text(MSG_HIDDEN) for name in names}
    http_request = http_request if http_request is not None else getRequest()
    read_permissions = field_permissions(target, READ_PERMISSIONS_KEY)
    masked, sensitive = {}, []
    for name in sorted(names):
        if not may_read_field(target, name):
            masked[name] = _text(MSG_HIDDEN)
        elif read_permissions.get(name) == SENSITIVE_READ_PERMISSION:
            sensitive.append(name)
    file = parent_file(target)
    if sensitive and file is not None:
        detail = f"change-request {change.getId()}"
        if not may_show_sensitive(file, http_request, detail):
            masked.update({name: _text(MSG_HIDDEN_REASON) for name in sensitive})
    elif sensitive:
        masked.update({name: _text(MSG_HIDDEN) for name in sensitive})
    return masked


def shown_values(values, masked):
    """``values`` ({field: JSON}) with the ``masked`` ones replaced by None."""
    return rules.shown_values(values, masked)
