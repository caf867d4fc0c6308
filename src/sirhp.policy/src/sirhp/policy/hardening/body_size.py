"""Oversized request bodies: a clear French 413, never Zope's bare 400.

Zope reads a request's body before anything else (``processInputs``, before
traversal and authentication) and refused what exceeded its own limits with
a 400 and an English text (``form data processing requires too much
memory``) or Plone's English error page. JSON bodies had no limit at all:
plone.restapi lifts Zope's one (``plone/restapi/patches.py``) and reads the
whole body in memory.

One place of truth, the document upload limit ``sirhp.documents.max_upload_mb``
(50 MB): a request may carry one such document, base64-encoded over REST
(x 4/3), plus a margin for the other fields: ``request_limit_mb`` (77 MB for
50). A stack for batch filing bigger than that is sent in several parts.

- ``drop_oversized_body`` (``IPubStart``): before Zope reads the body, a
  ``Content-Length`` over the limit is noted and the body dropped (Zope then
  parses nothing). An exception cannot answer from here (the publisher's
  transaction has not started).
- ``check_at_site`` (the site's ``IBeforeTraverseEvent``, before any content
  is traversed or anyone authenticated): reads the limit from the registry
  for this and the next requests, and raises ``RequestEntityTooLarge`` for a noted
  body or one over the current value. ``check_after_traversal`` does the same
  for requests outside a Plone site (the Zope root: there an authorization
  refusal during traversal may answer first; the body is dropped anyway).
- ``RequestEntityTooLargeView`` answers 413 with the French message: JSON
  ``{"type", "message"}`` for ``Accept: application/json``, else a small
  HTML page. Nothing is stored.
- Zope's in-memory form limit (``form-memory-limit``) follows the same value,
  so no body under SIRHP's limit meets Zope's bare 400; its disk limit is
  never below it. The early check uses the value this process last read (the
  default before its first request in the site). Bodies over waitress'
  ``max_request_body_size`` (1 GB, ``instance/zope.ini.in``) are refused by
  waitress itself (bare 413).
"""

from html import escape
from io import BytesIO
import json
import math
from Products.Five import BrowserView
from sirhp.content.documents.refusals import DEFAULT_MAX_MB
from sirhp.policy import _
from zExceptions import HTTPRequestEntityTooLarge
from zope.i18n import translate
from zope.i18nmessageid import Message
from ZPublisher import HTTPRequest

MB = 1024 * 1024
MARGIN_MB = 10
UPLOAD_RECORD = "sirhp.documents.max_upload_mb"
DROPPED = "sirhp.dropped_body"  # environ: (limit MB, upload MB) applied
MESSAGE = _(
    "error_request_too_large",
    default="La requête est trop volumineuse : ${limit} Mo au maximum.",
)
HINT = _(
    "hint_request_too_large",
    default="Une pièce ne dépasse pas ${upload} Mo ; une pile à classer plus "
    "grosse se dépose en plusieurs fois.",
)
TITLE = _("title_request_too_large", default="Requête trop volumineuse")
NOTHING_STORED = _(
    "msg_request_too_large_nothing_stored",
    default="Rien n'a été enregistré. Revenez à la page précédente pour recommencer.",
)


def _text(message, request=None, **mapping):
    """The message in the request's language (French when none is chosen)."""
    message = Message(message, mapping=mapping)
    if request is None:
        return translate(message, target_language="fr")
    return translate(message, context=request)


def request_limit_mb(upload_mb: int) -> int:
    """Largest request body (MB) for documents of ``upload_mb``: base64 + margin."""
    return math.ceil(upload_mb * 4 / 3) + MARGIN_MB


class RequestEntityTooLarge(HTTPRequestEntityTooLarge):
    """413: the body exceeds SIRHP's request limit.

    Named as the status (Zope and plone.transformchain set the status of a
    failed request from the exception's class name)."""

    title = "Requête trop volumineuse"  # zExceptions' page, if no view answers

    def __init__(self, limit_mb: int, upload_mb: int):
        self.limit_mb = limit_mb
        self.upload_mb = upload_mb
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _text(MESSAGE, limit=self.limit_mb)


class _Limit:
    """The limit of this process, from the registry (last request seen)."""

    upload_mb = DEFAULT_MAX_MB

    @property
    def mb(self) -> int:
        return request_limit_mb(self.upload_mb)

    def set(self, upload_mb: int) -> None:
        self.upload_mb = upload_mb
        limit = self.mb * MB
        # Zope's own limits may not refuse first (with its bare 400)
        HTTPRequest.FORM_MEMORY_LIMIT = limit
        HTTPRequest.FORM_DISK_LIMIT = max(HTTPRequest.FORM_DISK_LIMIT, limit)


LIMIT = _Limit()


def _content_length(request) -> int:
    try:
        return int(request.environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def drop_oversized_body(event):
    """IPubStart: note a body over the limit and drop it, unread."""
    if HTTPRequest.FORM_MEMORY_LIMIT != LIMIT.mb * MB:
        LIMIT.set(LIMIT.upload_mb)  # first request of the process
    request = event.request
    if _content_length(request) <= LIMIT.mb * MB:
        return
    environ = request.environ
    environ[DROPPED] = (LIMIT.mb, LIMIT.upload_mb)
    environ["CONTENT_LENGTH"] = "0"
    environ["CONTENT_TYPE"] = "application/octet-stream"  # nothing to parse
    request.stdin = BytesIO()


def _refuse_too_large(request) -> None:
    dropped = request.environ.get(DROPPED)
    if dropped:
        raise RequestEntityTooLarge(*dropped)
    if _content_length(request) > LIMIT.mb * MB:
        raise RequestEntityTooLarge(LIMIT.mb, LIMIT.upload_mb)


def check_at_site(site, event):
    """Traversing the site: the current limit, for now and later."""
    registry = getattr(site, "portal_registry", None)
    value = registry.get(UPLOAD_RECORD) if registry is not None else None
    upload_mb = int(value or DEFAULT_MAX_MB)
    if upload_mb != LIMIT.upload_mb:
        LIMIT.set(upload_mb)
    _refuse_too_large(event.request)


def check_after_traversal(event):
    """Outside a Plone site: refuse before the published object runs."""
    _refuse_too_large(event.request)


PAGE = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{title} — SIRHP</title></head>
<body>
<h1>{title}</h1>
<p>{message}</p>
<p>{hint}</p>
<p>{nothing}</p>
</body>
</html>
"""


class RequestEntityTooLargeView(BrowserView):
    """The answer to ``RequestEntityTooLarge``, for any request (no site yet)."""

    def __call__(self):
        error = self.context
        response = self.request.response
        response.setStatus(413, lock=True)
        response.setHeader("X-Content-Type-Options", "nosniff")
        response.setHeader("Cache-Control", "no-store")
        accept = self.request.getHeader("Accept", "") or ""
        if "application/json" in accept and "text/html" not in accept:
            response.setHeader("Content-Type", "application/json")
            message = _text(MESSAGE, self.request, limit=error.limit_mb)
            return json.dumps({"type": "RequestEntityTooLarge", "message": message})
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        return PAGE.format(
            title=escape(_text(TITLE, self.request), quote=False),
            message=escape(
                _text(MESSAGE, self.request, limit=error.limit_mb), quote=False
            ),
            hint=escape(_text(HINT, self.request, upload=error.upload_mb), quote=False),
            nothing=escape(_text(NOTHING_STORED, self.request), quote=False),
        )
