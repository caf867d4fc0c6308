"""Change requests: create, compare, detect conflicts, apply.

Used by the pages (views.py), the REST services (services.py) and the
workflow handlers (sirhp.policy.workflow.changes). Errors are
``ChangeError`` with a French message; nothing is stored when one is raised.

Field permissions (``read_permission`` / ``write_permission`` of the
target's schema, e.g. medical fields) rule every channel:

- a field is proposed only by someone who may read and write it on the
  target, and approved only by someone who may (``normalize``, run as the
  requester and again as the approver; the approve guard hides the button);
- what a request shows of current and proposed values (page, JSON, diff)
  follows the reader's permission on the target (``masked_fields``):
  a field the reader may not read is shown « masqué », never its value; a
  sensitive (medical) value needs a consultation reason, as on the file, and
  showing it is journaled.
"""

from datetime import date
import logging
from plone import api
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from sirhp.content.content.change_request import attachment_file
from sirhp.content.content.change_request import may_propose_field
from sirhp.content.content.change_request import PHOTO_KEY
from sirhp.content.content.change_request import proposable_fields
from sirhp.content.content.change_request import schema_fields
from sirhp.content.content.change_request import to_json
from sirhp.content.content.field_access import field_permissions
from sirhp.content.content.field_access import may_read_field
from sirhp.content.content.records import parent_file
from sirhp.content.content.records import term_title
from sirhp.content.domain.document_file import DocumentError
from sirhp.content.permissions import AddChangeRequest
from sirhp.policy import _
from z3c.relationfield import RelationValue
from z3c.relationfield.interfaces import IRelationChoice
from zope import schema as zschema
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import Invalid
from zope.intid.interfaces import IIntIds
from zope.schema.interfaces import ValidationError

logger = logging.getLogger("sirhp.policy.changes")

# Read permission of the fields whose values need a consultation reason.
SENSITIVE_READ_PERMISSION = "sirhp.content.ReadSensitive"

MSG_HIDDEN = _("change_value_hidden", default="masqué")
MSG_HIDDEN_REASON = _(
    "change_value_hidden_reason",
    default="masqué : indiquez d'abord le motif de consultation sur le dossier",
)


class ChangeError(ValueError):
    """A refused change request; ``message`` is French."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ChangeForbidden(ChangeError):
    """A field the user may not write (REST: 403)."""


def _text(message):
    """An i18n message in the request's language (French by default)."""
    return translate(message, context=getRequest(), default=message.default)


def current_version(obj):
    """The CMFEditions version id of ``obj`` (None before its first version)."""
    return getattr(obj, "version_id", None)


def field_label(obj, name):
    field = schema_fields(obj).get(name)
    title = field.title if field is not None else name
    return translate(title, target_language="fr")


def display(obj, name, value):
    """A JSON value of field ``name`` of ``obj`` as French text."""
    if value in (None, "", [], ()):
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
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            pass
    return str(value)


def _vocabulary_name(field):
    for candidate in (field, getattr(field, "value_type", None)):
        name = getattr(candidate, "vocabularyName", None)
        if name:
            return name
    return None


def _python_value(obj, field, value):
    """JSON -> the value stored on the object, validated by the field."""
    bound = field.bind(obj)
    if value in (None, ""):
        if field.required:
            raise ChangeError(
                f"« {field_label(obj, field.__name__)} » est obligatoire."
            )
        return None
    try:
        if isinstance(field, zschema.Date):
            if not isinstance(value, str):
                raise TypeError(value)
            result = date.fromisoformat(value[:10])
        elif IRelationChoice.providedBy(field):
            target = api.content.get(UID=str(value))
            if target is None:
                raise ChangeError(
                    f"« {field_label(obj, field.__name__)} » : élément introuvable."
                )
            bound.validate(target)  # the vocabulary of the file's agency
            return RelationValue(getUtility(IIntIds).getId(target))
        elif isinstance(field, (zschema.List, zschema.Tuple, zschema.Set)):
            if not isinstance(value, list):
                raise ChangeError(
                    f"« {field_label(obj, field.__name__)} » : une liste est attendue."
                )
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
        message = translate(doc, target_language="fr") if doc else "valeur refusée"
        raise ChangeError(
            f"« {field_label(obj, field.__name__)} » : {message}"
        ) from None
    return result


def normalize(obj, proposed):
    """Check ``proposed`` ({field: JSON value}) against ``obj``'s schema.

    Returns {field: JSON value} of the fields that really change, and the
    Python values; raises ChangeError for unknown, read-only or invalid
    fields, or when nothing changes, and ChangeForbidden for a field the
    current user may not read or write (proposing and approving alike).
    """
    if not isinstance(proposed, dict) or not proposed:
        raise ChangeError("Indiquez au moins un champ à modifier.")
    allowed = set(proposable_fields(obj))
    fields = schema_fields(obj)
    unknown = sorted(name for name in proposed if name not in allowed)
    if unknown:
        raise ChangeError(
            "Champ(s) inconnu(s) ou non modifiable(s) par une demande : "
            + ", ".join(unknown)
            + "."
        )
    denied = [name for name in proposed if not may_propose_field(obj, name)]
    if denied:
        labels = ", ".join(f"« {field_label(obj, name)} »" for name in denied)
        raise ChangeForbidden(
            _text(
                _(
                    "error_change_fields_forbidden",
                    default="Vous n'avez pas le droit de modifier ces champs, ni "
                    "de proposer ou d'approuver leur modification : ${fields}.",
                    mapping={"fields": labels},
                )
            )
        )
    changes, python = {}, {}
    for name, value in proposed.items():
        new = _python_value(obj, fields[name], value)
        new_json = to_json(new)
        if new_json != to_json(getattr(obj, name, None)):
            changes[name] = new_json
            python[name] = new
    if not changes:
        raise ChangeError(
            "Les valeurs proposées sont identiques aux valeurs actuelles."
        )
    _check_invariants(obj, python)
    return changes, python


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


def _check_invariants(obj, python):
    from plone.dexterity.utils import iterSchemata

    merged = _Merged(obj, python)
    for iface in iterSchemata(obj):
        try:
            iface.validateInvariants(merged)
        except Invalid as error:
            raise ChangeError(str(error)) from None


def create_request(target, proposed, justification, attachment=None, kind="staff"):
    """A pending ChangeRequest for ``target`` (validated file or record).

    The caller must hold ``sirhp: Add ChangeRequest`` on the target's file
    (records staff of the agency, the officer concerned); checked here.
    """
    file = parent_file(target)
    if file is None:
        raise ChangeError("Cet élément n'appartient à aucun dossier.")
    if api.content.get_state(target, default=None) != "validated":
        raise ChangeError(
            "Seul un élément validé fait l'objet d'une demande de modification ; "
            "un brouillon se modifie directement."
        )
    if not api.user.has_permission(AddChangeRequest, obj=file):
        from AccessControl import Unauthorized

        raise Unauthorized("sirhp: Add ChangeRequest")
    if justification is not None and not isinstance(justification, str):
        raise ChangeError("La justification doit être un texte.")
    justification = (justification or "").strip()
    if not justification:
        raise ChangeError("Une justification est obligatoire.")
    if len(justification) > 2000:
        raise ChangeError("Justification trop longue (2000 caractères au plus).")
    changes, _python = normalize(target, proposed)
    blob = _attachment(attachment)
    request = createContent("ChangeRequest", justification=justification)
    request.target_uid = target.UID()
    request.target_title = target.Title()
    request.base_version = current_version(target)
    request.proposed = changes
    request.current = {name: to_json(getattr(target, name, None)) for name in changes}
    request.kind = kind
    if blob is not None:
        request.attachment = blob
    request.id = "demande"
    # permission checked above; the name chooser makes the id unique
    request = addContentToContainer(file, request, checkConstraints=False)
    return request


def create_photo_request(file, data, box, justification):
    """A pending request proposing a new ID photo for a validated file."""
    from sirhp.content.content.photo import prepare_photo
    from sirhp.content.domain import photo as photo_rules

    if api.content.get_state(file, default=None) != "validated":
        raise ChangeError("Seul un dossier validé fait l'objet d'une demande.")
    if not api.user.has_permission(AddChangeRequest, obj=file):
        from AccessControl import Unauthorized

        raise Unauthorized("sirhp: Add ChangeRequest")
    justification = (justification or "").strip()
    if not justification:
        raise ChangeError("Une justification est obligatoire.")
    try:
        original, cropped = prepare_photo(file, data, box)
    except photo_rules.PhotoError as error:
        raise ChangeError(error.message) from None
    request = createContent("ChangeRequest", justification=justification[:2000])
    request.target_uid = file.UID()
    request.target_title = file.Title()
    request.base_version = current_version(file)
    request.proposed = {PHOTO_KEY: "nouvelle photo"}
    request.current = {PHOTO_KEY: "photo actuelle" if file.photo else None}
    request.kind = "staff"
    request.new_photo = cropped
    request.new_photo_original = original
    request.new_photo_crop = ",".join(str(int(v)) for v in box) if box else ""
    request.id = "demande"
    return addContentToContainer(file, request, checkConstraints=False)


def field_values(request):
    """The proposed field values, without the photo (applied apart)."""
    return {k: v for k, v in (request.proposed or {}).items() if k != PHOTO_KEY}


def _attachment(attachment):
    """(filename, bytes) -> the checked scan as a PDF, or None: the checks of
    scanned documents (sirhp.content.domain.document_file)."""
    if not attachment:
        return None
    filename, data = attachment
    try:
        return attachment_file(filename, data)
    except DocumentError as error:
        raise ChangeError(f"Pièce justificative : {error.message}") from None


def is_stale(request, target=None):
    target = target if target is not None else _target(request)
    return target is None or current_version(target) != request.base_version


def _target(request):
    """The target, found whatever the current user may see (system use)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=request.target_uid)
    return brains[0]._unrestrictedGetObject() if brains else None


def masked_fields(request, target=None, http_request=None):
    """{field: French text shown instead} of the values of ``request`` the
    current user may not see (current and proposed alike).

    Hidden: a field the user may not read on the target (its
    ``read_permission``); a sensitive field without a consultation reason
    (header ``X-SIRHP-Reason`` or the reason given on the file page), as on
    the file. Showing a sensitive value is journaled first (if the journal
    cannot be written, nothing is shown).
    """
    from sirhp.policy.audit import journal
    from sirhp.policy.audit import reasons
    from sirhp.policy.audit.api import log_event

    names = set(field_values(request)) | {
        name for name in (request.current or {}) if name != PHOTO_KEY
    }
    if not names:
        return {}
    target = target if target is not None else _target(request)
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
        state, reason = reasons.sensitive_access(file, http_request)
        if state in (reasons.OWN, reasons.GRANTED):
            log_event(
                journal.VIEW_SENSITIVE,
                obj=file,
                request=http_request,
                reason=reasons.format_reason(reason),
                detail=f"change-request {request.getId()}",
                raise_errors=True,
            )
        else:
            masked.update({name: _text(MSG_HIDDEN_REASON) for name in sensitive})
    elif sensitive:
        masked.update({name: _text(MSG_HIDDEN) for name in sensitive})
    return masked


def shown_values(request, values, masked):
    """``values`` ({field: JSON}) with the masked ones replaced by None."""
    return {
        name: (None if name in masked else value)
        for name, value in (values or {}).items()
    }


def fields_user_may_not_approve(request):
    """Labels of the proposed fields the current user may not write on the
    target: such a request is approved by someone else (may_approve_change)."""
    target = _target(request)
    names = list(field_values(request))
    if target is None:
        return names
    return [
        field_label(target, name)
        for name in names
        if not may_propose_field(target, name)
    ]


def approval_refusal(request):
    """Why the current user may not approve ``request`` because of its
    fields (French, or the user's language), or None."""
    labels = fields_user_may_not_approve(request)
    if not labels:
        return None
    return _text(
        _(
            "msg_change_approval_needs_write",
            default="Seule une personne habilitée à modifier ${fields} peut "
            "approuver cette demande.",
            mapping={"fields": ", ".join(f"« {label} »" for label in labels)},
        )
    )


def diff(request):
    """Rows {field, label, current, proposed, changed_since, hidden}: what
    the current user may see of each value (masked_fields)."""
    target = _target(request)
    masked = masked_fields(request, target)
    rows = []
    if getattr(request, "new_photo", None) is not None:
        rows.append(
            {
                "field": PHOTO_KEY,
                "label": "Photo d'identité",
                "current": "photo actuelle" if getattr(target, "photo", None) else "—",
                "proposed": "nouvelle photo (ci-dessous)",
                "proposed_json": "nouvelle photo",
                "current_json": (request.current or {}).get(PHOTO_KEY),
                "changed_since": False,
                "photo_url": f"{request.absolute_url()}/@@images/new_photo",
            }
        )
    for name, value in field_values(request).items():
        if name in masked:
            rows.append(
                {
                    "field": name,
                    "label": field_label(target, name) if target is not None else name,
                    "current": masked[name],
                    "proposed": masked[name],
                    "proposed_json": None,
                    "current_json": None,
                    "changed_since": None,
                    "hidden": True,
                }
            )
            continue
        live = to_json(getattr(target, name, None)) if target is not None else None
        before = (request.current or {}).get(name)
        rows.append(
            {
                "field": name,
                "label": field_label(target, name) if target is not None else name,
                "current": display(target, name, live) if target is not None else "—",
                "proposed": display(target, name, value)
                if target is not None
                else str(value),
                "proposed_json": value,
                "current_json": live,
                "changed_since": live != before,
                "hidden": False,
            }
        )
    return rows


def conflicts(request):
    """Other pending requests on the same target touching the same fields."""
    catalog = api.portal.get_tool("portal_catalog")
    fields = set(request.proposed or {})
    result = []
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ChangeRequest",
        review_state="pending",
        path="/".join(request.__parent__.getPhysicalPath()),
    ):
        if brain.UID == request.UID():
            continue
        other = brain._unrestrictedGetObject()
        if other.target_uid != request.target_uid:
            continue
        common = fields & set(other.proposed or {})
        if common:
            result.append({"request": other, "fields": sorted(common)})
    return result


def apply(request, approver_id):
    """Write the proposed values on the target: one new version naming the
    request, its requester and its approver. Runs as the system (the
    approval permission was checked by the workflow)."""
    from zope.annotation.interfaces import IAnnotations
    from zope.globalrequest import getRequest
    from zope.lifecycleevent import modified

    target = _target(request)
    values = field_values(request)
    # as the approver: a field he or she may not write is refused here too
    python = normalize(target, values)[1] if values else {}
    requester = (request.listCreators() or ("?",))[0]
    note = (
        f"Demande de modification {request.getId()} ({request.absolute_url_path()}) "
        f"demandée par {requester}, approuvée par {approver_id}"
    )
    http_request = getRequest()
    if http_request is not None:
        IAnnotations(http_request)["plone.app.versioningbehavior-changeNote"] = note
    with api.env.adopt_roles(["Manager"]):
        for name, value in python.items():
            setattr(target, name, value)
        if getattr(request, "new_photo", None) is not None:
            target.photo = request.new_photo
            target.photo_original = request.new_photo_original
            target.photo_crop = request.new_photo_crop
        modified(target)
        target.reindexObject()
    if http_request is not None:
        IAnnotations(http_request).pop("plone.app.versioningbehavior-changeNote", None)
    request.applied_version = current_version(target)
    logger.info("%s applied to %s", note, "/".join(target.getPhysicalPath()))
    return target


def rebase(request):
    """Base the request on the target as it is now (reviewer's choice)."""
    target = _target(request)
    request.base_version = current_version(target)
    request.current = {
        name: to_json(getattr(target, name, None)) for name in request.proposed or {}
    }


def refuse_empty_request(request, event):
    """A ChangeRequest is only made by ``create_request`` (pages, REST): the
    generic add form or a REST POST of the type would make one without
    target or values."""
    from sirhp.content.content.change_request import check_attachment
    from zExceptions import BadRequest

    if not getattr(request, "target_uid", None) or not getattr(
        request, "proposed", None
    ):
        raise BadRequest(
            "Une demande de modification se fait depuis le dossier (Modifier) ou "
            "« Mon dossier » (Signaler une inexactitude), ou par @change-requests."
        )
    # the scan was checked and converted by create_request; code that sets
    # another one is refused (an active PDF would be shown to reviewers)
    try:
        check_attachment(request)
    except DocumentError as error:
        raise BadRequest(f"Pièce justificative : {error.message}") from None
