"""The text worker's jobs (part of the documents API: ``api`` re-exports
these): the queue of documents waiting for their text, the leases a worker
takes on them (a crashed worker's job is taken over when its lease
expires), and the worker's heartbeat (``@@health``)."""

import os
from plone import api
from sirhp.content import _
from sirhp.content.documents import heartbeat
from sirhp.content.documents import rules
from sirhp.content.documents import storage
from sirhp.content.documents.refusals import DocumentError
import time

MAX_QUEUE = 50
MSG_WORKER_EXPECTED = _("« worker » (identifiant du worker) attendu.")
# the fault drills shorten the lease so a second worker takes a killed
# worker's job over within the test; production keeps the default
LEASE_ENV = "SIRHP_TEXT_LEASE_SECONDS"


def lease_seconds() -> float:
    """How long a worker's lease lasts: ``SIRHP_TEXT_LEASE_SECONDS`` of the
    Zope process when set to a positive number, else
    ``rules.TEXT_LEASE_SECONDS``.

    :returns: seconds.
    """
    try:
        seconds = float(os.environ.get(LEASE_ENV, ""))
    except ValueError:
        return rules.TEXT_LEASE_SECONDS
    return seconds if seconds > 0 else rules.TEXT_LEASE_SECONDS


def text_queue(*, limit: int = 10) -> list[dict]:
    """Documents waiting for their text, oldest change first, whoever may
    see them (the caller holds ``sirhp: Extract document text``).

    :param limit: how many (1 to 50).
    :returns: ``{"@id", "UID", "download", "sha256"}`` per document.
    """
    return [_queue_item(obj) for obj in _pending(limit)]


def claim_text_jobs(*, worker: str, limit: int = 10, now: float | None = None):
    """Documents waiting for their text that ``worker`` takes: each gets the
    worker's lease (``rules.new_lease``); a document leased to another worker
    is skipped until that lease expires, then taken over.

    :param worker: the worker's id (host, process).
    :param limit: how many (1 to 50).
    :param now: POSIX timestamp (default: now).
    :returns: the queue items (``text_queue``) with ``lease_until``.
    :raises DocumentError: no worker id.
    """
    worker = str(worker or "").strip()[:200]
    if not worker:
        raise DocumentError(MSG_WORKER_EXPECTED)
    now = time.time() if now is None else now
    items = []
    for obj in _pending(MAX_QUEUE):
        if len(items) >= min(MAX_QUEUE, max(1, limit)):
            break
        if not rules.lease_free(getattr(obj, "text_lease", None), worker, now):
            continue
        lease = rules.new_lease(worker, now, lease_seconds())
        storage.take_lease(obj, lease)
        items.append(dict(_queue_item(obj), lease_until=lease[1]))
    return items


def _pending(limit):
    limit = min(MAX_QUEUE, max(1, limit))
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="ScannedDocument",
        text_status=storage.PENDING,
        sort_on="modified",
    )[:limit]
    return [brain._unrestrictedGetObject() for brain in brains]


def _queue_item(obj):
    url = obj.absolute_url()
    return {
        "@id": url,
        "UID": obj.UID(),
        "download": f"{url}/@text-source",
        "sha256": getattr(obj, "file_sha256", None),
    }


def worker_seen(*, now: float | None = None) -> bool:
    """Record that the text worker asked for work (its heartbeat; stored at
    most once a minute).

    :param now: epoch seconds (default: the current time).
    :returns: True when the time was written.
    """
    return heartbeat.record(api.portal.get(), time.time() if now is None else now)


def worker_last_seen() -> float | None:
    """When the text worker last asked for work.

    :returns: epoch seconds, or None if it never did.
    """
    return heartbeat.last_seen(api.portal.get())
