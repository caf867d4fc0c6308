"""Busy or full server: a French "réessayez" (503), never a raw 500.

- ``ConflictError`` (two requests wrote the same object at once) is retried
  by Zope up to seven times (``max-conflict-retries`` in
  ``instance/zope.conf.in``; Zope's default is 3), after a random pause of
  up to 1, 2, 4 seconds, then never more than ``PAUSE_CAP`` (Zope doubles
  it every time: 16 s before a fifth try). Seven tries wait at most
  1 + 2 + 4 + 4 × 4 = 23 s, less than Zope's five (31 s), and a conflict
  that lasts, a tree split in the catalog that every concurrent creation
  meets, is outlived more often (``pause``, ``install``); only a conflict
  still there after the retries reaches ``RetryLaterView``. A database out
  of reach is a transient error too, but retrying it only makes the user
  wait the ZEO ``wait-timeout`` again, and a request whose commit may have
  reached the server must not run twice:
  ``install`` makes ``HTTPRequest.supports_retry`` answer no while such an
  error (``disconnected.DISCONNECTED``) is handled, so its French 503
  (``disconnected``) comes at once; nor is a request whose journal lines
  were COMMITted (the second phase of its commit: its change may be
  stored) published again, whatever the error.
- ``OSError`` of the disk (full, read-only, quota, permission, I/O) while
  writing blobs or ``Data.fs``: ``RetryLaterView`` too, with its own message.
  The transaction is aborted by the publisher: nothing is stored half-way;
  what a failed blob copy leaves on disk is removed
  (``blob_leftovers``). Any other ``OSError`` is a programming error: the
  SIRHP error page as before.

The answer is 503 with ``Retry-After``: JSON ``{"type", "message", "error"}``
(``sirhp.content.base.rest.error_reply``) on REST, a light page otherwise
(no main template: the server is struggling), in the user's language. It
never shows the exception's text (oids, class names, paths).
"""

import errno
from html import escape
import json
import logging
from plone.rest.interfaces import IAPIRequest
import random
from sirhp.content.base.rest import error_body
from sirhp.policy import _
from sirhp.policy.audit.unavailable import SECOND_PHASE
from sirhp.policy.hardening.blob_leftovers import remove_leftovers
from sirhp.policy.hardening.disconnected import DISCONNECTED
from sirhp.policy.hardening.errors import ErrorView
import sys
import time
from zope.i18n import translate
from ZPublisher.HTTPRequest import HTTPRequest

logger = logging.getLogger("sirhp.policy.retry")

RETRY_AFTER_SECONDS = 5
PAUSE_CAP = 4.0  # seconds: the longest pause before a conflict's next try
DISK_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}
)
MSG_BUSY_TITLE = _("title_server_busy", default="Serveur occupé")
MSG_BUSY = _(
    "error_server_busy",
    default="Le serveur est très sollicité : votre demande n'a pas pu être "
    "enregistrée. Réessayez dans quelques secondes.",
)
MSG_DISK_TITLE = _("title_server_disk", default="Enregistrement impossible")
MSG_DISK = _(
    "error_server_disk",
    default="Le serveur ne peut pas écrire sur son disque : rien n'a été "
    "enregistré. Réessayez plus tard ; si l'erreur persiste, prévenez "
    "l'administrateur.",
)
MSG_RETRY = _(
    "hint_server_retry",
    default="Rien n'a été enregistré. Revenez à la page précédente et recommencez.",
)

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{title} — SIRHP</title></head>
<body>
<h1>{title}</h1>
<p>{message}</p>
<p>{hint}</p>
</body>
</html>
"""


def is_disk_error(error) -> bool:
    """An ``OSError`` saying the disk refused a write (not a bug)."""
    return isinstance(error, OSError) and error.errno in DISK_ERRNOS


class RetryLaterView(ErrorView):
    """``index.html`` of ``ConflictError`` and ``OSError`` on SIRHP requests."""

    def __call__(self):
        error = self.context
        if isinstance(error, OSError) and not is_disk_error(error):
            return super().__call__()
        if isinstance(error, OSError):
            logger.error("Disk error, nothing stored: %s", error)
            remove_leftovers(error)
            type_, title, message = "DiskError", MSG_DISK_TITLE, MSG_DISK
        else:
            logger.warning("Conflict persisted after the retries: %s", error)
            type_, title, message = "ConflictError", MSG_BUSY_TITLE, MSG_BUSY
        request = self.request
        response = request.response
        # no transaction.doom(): the publisher aborts, and a transaction
        # whose commit failed cannot be doomed
        body = error_body(translate(message, context=request), type_)
        response.setStatus(503, lock=True)
        response.setHeader("Retry-After", str(RETRY_AFTER_SECONDS))
        response.setHeader("Cache-Control", "no-store")
        return self._render(body, title)

    def _render(self, body, title):
        request = self.request
        response = request.response
        accept = request.getHeader("Accept", "") or ""
        if IAPIRequest.providedBy(request) or (
            "application/json" in accept and "text/html" not in accept
        ):
            response.setHeader("Content-Type", "application/json")
            response._has_challenged = True
            return json.dumps(body)
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        return PAGE.format(
            lang=escape(str(request.get("LANGUAGE") or "fr")),
            title=escape(translate(title, context=request), quote=False),
            message=escape(body["message"], quote=False),
            hint=escape(translate(MSG_RETRY, context=request), quote=False),
        )


_MARK = "_sirhp_no_retry_when_disconnected"


def retriable(exception) -> bool:
    """May a request that failed with ``exception`` be published again?"""
    return not isinstance(exception, DISCONNECTED)


def pause(retry_count) -> float:
    """The longest pause, in seconds, before a request that met a write
    conflict is published again for the ``retry_count + 1``-th time: 1, 2,
    4, then ``PAUSE_CAP`` (Zope's ``2 ** retry_count``, capped)."""
    return float(min(2**retry_count, PAUSE_CAP))


def delay_retry(self):
    """``HTTPRequest.delay_retry`` with the pause capped (``pause``)."""
    time.sleep(random.uniform(0, pause(self.retry_count)))


def install():
    """Wrap ``ZPublisher.HTTPRequest.HTTPRequest.supports_retry`` and cap
    ``delay_retry``'s pause (once)."""
    HTTPRequest.delay_retry = delay_retry
    original = HTTPRequest.supports_retry
    if getattr(original, _MARK, False):
        return

    def supports_retry(self):
        # the publisher asks while it handles the failure: sys.exc_info()
        # is the exception that made the request fail
        if not retriable(sys.exc_info()[1]):
            return False
        if self.environ.get(SECOND_PHASE):
            # the journal COMMITted this request's lines: its change may be
            # stored, publishing it again could store it twice
            return False
        return original(self)

    setattr(supports_retry, _MARK, True)
    supports_retry.__wrapped__ = original
    HTTPRequest.supports_retry = supports_retry
