"""Malformed REST input gets a 400 with a French message, never a 500.

plone.restapi raises ``DeserializationError`` (answered 500) for a body that
is not a JSON object in most services (``@photo``, ``@badge-print``,
``@change-requests``, ``@workflow``...), and ``@search`` lets a non-numeric
or negative ``b_size``/``b_start`` reach the catalog (500 too). Checked once
here, after traversal and before any service runs:

- a write whose body is meant to be JSON must be one JSON object;
- ``@type`` and ``id`` of a body are strings;
- ``b_start`` >= 0 and 1 <= ``b_size`` <= ``MAX_BATCH_SIZE`` (query or body).
"""

import json
from plone.rest.interfaces import IAPIRequest
from sirhp.policy.interfaces import ISirhpPolicyLayer
from zExceptions import BadRequest

MAX_BATCH_SIZE = 1000
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _is_json(request):
    content_type = (request.get_header("Content-Type") or "").lower()
    return not content_type or "json" in content_type


def _body(request):
    if request.get("REQUEST_METHOD", "GET").upper() not in BODY_METHODS:
        return None
    if not _is_json(request):
        return None
    raw = request.get("BODY") or b""
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except (ValueError, TypeError):
        raise BadRequest("Corps de requête illisible : JSON valide attendu.") from None
    if not isinstance(data, dict):
        raise BadRequest("Corps de requête invalide : un objet JSON {…} est attendu.")
    return data


def _check_batch(name, value, minimum):
    if value is None:
        return
    if isinstance(value, bool):
        value = None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or number < minimum:
        raise BadRequest(f"« {name} » : nombre entier ≥ {minimum} attendu.")
    if name == "b_size" and number > MAX_BATCH_SIZE:
        raise BadRequest(f"« b_size » : au plus {MAX_BATCH_SIZE} éléments par page.")


def check_rest_input(event):
    request = event.request
    if not IAPIRequest.providedBy(request) or not ISirhpPolicyLayer.providedBy(request):
        return
    body = _body(request)
    if body is not None:
        for key in ("@type", "id"):
            if key in body and not isinstance(body[key], str):
                raise BadRequest(f"« {key} » : une chaîne de caractères est attendue.")
    for source in (request.form, body or {}):
        _check_batch("b_start", source.get("b_start"), 0)
        _check_batch("b_size", source.get("b_size"), 1)
