"""Malformed REST input gets a 400 with a French message, never a 500.

plone.restapi raises ``DeserializationError`` (answered 500) for a body that
is not a JSON object in most services (``@photo``, ``@badge-print``,
``@change-requests``, ``@workflow``...), and ``@search`` lets malformed
queries reach the catalog (500 too). Checked here, before any service runs:

- ``check_json_depth`` (the site's ``IBeforeTraverseEvent``, before anybody
  is authenticated: plone.restapi's JWT plugin reads JSON bodies then): a
  JSON body nested deeper than ``MAX_JSON_DEPTH`` (Python's JSON parser
  answered ``RecursionError``);
- ``check_rest_input`` (after traversal): a write whose body is meant to be
  JSON must be one JSON object; ``@type`` and ``id`` of a body are strings;
  ``b_start`` >= 0 and 1 <= ``b_size`` <= ``MAX_BATCH_SIZE`` (query or
  body); no parameter repeated more than ``MAX_VALUES``; ``@history/<n>``
  with an integer;
- ``@search`` (``services/search``) answers a query the catalog cannot read
  (a list where one value is expected, a date that is not one, a text
  search of stop words...) with a 400.

Messages are i18n messages (French default, English for users who chose it).
"""

from DateTime.interfaces import DateTimeError
import json
from plone.rest.interfaces import IAPIRequest
from plone.restapi.exceptions import QueryParsingError
from Products.ZCTextIndex.ParseTree import ParseError
from sirhp.policy import _
from sirhp.policy.interfaces import ISirhpPolicyLayer
from zExceptions import BadRequest
from zope.i18n import translate
from zope.i18nmessageid import Message

MAX_BATCH_SIZE = 1000
MAX_JSON_DEPTH = 64
MAX_VALUES = 500  # values of one query parameter
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
HISTORY_SERVICE = "GET_application_json_@history"
_IGNORED = bytes(sorted(set(range(256)) - set(b'[]{}"\\')))

MESSAGE_UNREADABLE = _(
    "error_body_unreadable", default="Corps de requête illisible : JSON valide attendu."
)
MESSAGE_NOT_OBJECT = _(
    "error_body_not_object",
    default="Corps de requête invalide : un objet JSON {…} est attendu.",
)
MESSAGE_TOO_DEEP = _(
    "error_body_too_deep",
    default="Corps de requête invalide : JSON imbriqué sur plus de ${depth} niveaux.",
)
MESSAGE_STRING = _(
    "error_string_expected",
    default="« ${name} » : une chaîne de caractères est attendue.",
)
MESSAGE_INTEGER = _(
    "error_integer_parameter",
    default="« ${name} » : nombre entier ≥ ${minimum} attendu.",
)
MESSAGE_BATCH_MAX = _(
    "error_batch_size_max", default="« b_size » : au plus ${maximum} éléments par page."
)
MESSAGE_TOO_MANY = _(
    "error_too_many_values",
    default="« ${name} » : ${maximum} valeurs au plus dans une requête.",
)
MESSAGE_BAD_QUERY = _(
    "error_search_query",
    default="Recherche invalide : un critère n'a pas la forme attendue "
    "(une seule valeur, une date, un nombre, des mots).",
)


def _refuse(request, message, **mapping):
    raise BadRequest(translate(Message(message, mapping=mapping), context=request))


def _is_json(request):
    content_type = (request.get_header("Content-Type") or "").lower()
    return not content_type or "json" in content_type


def json_depth(raw, limit):
    """How deep ``raw`` (bytes) nests arrays and objects, counted up to
    ``limit + 1`` (brackets inside strings are not counted)."""
    depth = deepest = 0
    in_string = escaped = False
    # only quotes, backslashes and brackets matter: the rest is dropped in C
    for char in raw.translate(None, _IGNORED):
        if in_string:
            if escaped:
                escaped = False
            elif char == 0x5C:  # backslash
                escaped = True
            elif char == 0x22:  # quote
                in_string = False
        elif char == 0x22:
            in_string = True
        elif char in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif char in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest


def check_json_depth(site, event):
    """Before authentication: no JSON body nested deeper than allowed."""
    request = event.request
    if request.get("REQUEST_METHOD", "GET").upper() not in BODY_METHODS:
        return
    # declared JSON only (what the JWT plugin parses): other bodies (WebDAV
    # PUT, uploads) are not read here; an undeclared one is checked below
    if "json" not in (request.get_header("Content-Type") or "").lower():
        return
    _check_depth(request, request.get("BODY") or b"")


def _check_depth(request, raw):
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "replace")
    if raw.count(b"[") + raw.count(b"{") <= MAX_JSON_DEPTH:
        return
    if json_depth(raw, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        _refuse(request, MESSAGE_TOO_DEEP, depth=MAX_JSON_DEPTH)


def _body(request):
    if request.get("REQUEST_METHOD", "GET").upper() not in BODY_METHODS:
        return None
    if not _is_json(request):
        return None
    raw = request.get("BODY") or b""
    if not raw.strip():
        return None
    _check_depth(request, raw)
    try:
        data = json.loads(raw)
    except RecursionError:
        _refuse(request, MESSAGE_TOO_DEEP, depth=MAX_JSON_DEPTH)
    except (ValueError, TypeError):
        _refuse(request, MESSAGE_UNREADABLE)
    if not isinstance(data, dict):
        _refuse(request, MESSAGE_NOT_OBJECT)
    return data


def whole_number(value, minimum):
    """``value`` (query string or JSON) as an integer >= ``minimum``, else
    None: the one reading of page parameters, REST and Classic UI."""
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= minimum else None


def _check_batch(request, name, value, minimum):
    if value is None:
        return
    number = whole_number(value, minimum)
    if number is None:
        _refuse(request, MESSAGE_INTEGER, name=name, minimum=minimum)
    if name == "b_size" and number > MAX_BATCH_SIZE:
        _refuse(request, MESSAGE_BATCH_MAX, maximum=MAX_BATCH_SIZE)


def _check_repeats(request):
    for name, value in request.form.items():
        if isinstance(value, (list, tuple)) and len(value) > MAX_VALUES:
            _refuse(request, MESSAGE_TOO_MANY, name=name, maximum=MAX_VALUES)


def _check_history(request):
    published = request.get("PUBLISHED")
    if getattr(published, "__name__", "") != HISTORY_SERVICE:
        return
    version = getattr(published, "version", None)
    if version is not None and not (isinstance(version, str) and version.isdigit()):
        _refuse(request, MESSAGE_INTEGER, name="version", minimum=0)


def check_rest_input(event):
    request = event.request
    if not IAPIRequest.providedBy(request) or not ISirhpPolicyLayer.providedBy(request):
        return
    body = _body(request)
    if body is not None:
        for key in ("@type", "id"):
            if key in body and not isinstance(body[key], str):
                _refuse(request, MESSAGE_STRING, name=key)
    _check_repeats(request)
    for source in (request.form, body or {}):
        _check_batch(request, "b_start", source.get("b_start"), 0)
        _check_batch(request, "b_size", source.get("b_size"), 1)
    _check_history(request)


# What the catalog raises for a query it cannot read (plone.restapi parses
# the query with int(), DateTime()... on the raw parameters).
QUERY_ERRORS = (
    QueryParsingError,
    ParseError,
    DateTimeError,
    ValueError,
    TypeError,
    AttributeError,
)
