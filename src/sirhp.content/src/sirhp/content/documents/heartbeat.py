"""The text worker's heartbeat: when it last asked the site for work.

The worker polls ``GET @text-queue`` every few seconds; each poll is a sign
of life. The time is kept on the site (an annotation: every ZEO client sees
it, whichever client the worker talks to) and written at most once a
minute, so polling does not write the ZODB at each cycle.
"""

from zope.annotation.interfaces import IAnnotations

KEY = "sirhp.content.documents.worker_heartbeat"
# seconds between two writes of the heartbeat
WRITE_INTERVAL = 60


def record(site, now: float) -> bool:
    """Note that the worker was seen at ``now`` (epoch seconds); True when
    stored (the previous time is older than ``WRITE_INTERVAL``)."""
    annotations = IAnnotations(site)
    last = annotations.get(KEY)
    if last is not None and 0 <= now - last < WRITE_INTERVAL:
        return False
    annotations[KEY] = float(now)
    return True


def last_seen(site) -> float | None:
    """When the worker was last seen (epoch seconds), None if never."""
    return IAnnotations(site).get(KEY)
