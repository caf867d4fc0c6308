"""Reads answered while Data.fs cannot grow: what Plone writes on a read.

Two writes of a read were found by the full-disk fault drill (a ``GET``
answered by the French 503 of a disk error):

- plone.scale stores image-scale information (its ``ScalesDict``) on the
  first read of an image after a change: a personnel file's photo in its
  REST JSON (``scales``) and on its page. ``commit_read_caches`` commits a
  ``GET``/``HEAD`` whose changed objects are all such caches apart, before
  the publisher's commit; a disk error drops them (logged; the next read
  computes them again) and the read is answered. A read that changes
  anything else (a logout revoking sessions, the text worker's heartbeat)
  is committed as before: a refused write answers 503, it is never lost
  silently.
- plone.portlets creates a portlet's display settings on its first render
  (the home page's navigation, events, footer portlets): a read of every
  page after the site's creation. ``ensure_portlet_settings`` creates them
  at installation (and by the upgrade ``upgrades/drills.py``), so a page
  read writes nothing.
"""

import logging
from plone.portlets.constants import ASSIGNMENT_SETTINGS_KEY
from plone.portlets.interfaces import IPortletAssignmentMapping
from plone.portlets.interfaces import IPortletAssignmentSettings
from plone.portlets.interfaces import IPortletManager
from plone.scale.storage import ScalesDict
from sirhp.policy.hardening.retry import is_disk_error
import transaction
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtilitiesFor
from zope.component import queryMultiAdapter

logger = logging.getLogger("sirhp.policy.read_caches")

READ_METHODS = frozenset({"GET", "HEAD"})
# objects a read may write that the next read computes again
CACHES = (ScalesDict,)


def changed_objects(request) -> list:
    """The persistent objects the request changed (as plone.protect reads
    them; the ``temporary`` database of sessions aside)."""
    parents = request.get("PARENTS") or [None]
    jar = getattr(parents[-1], "_p_jar", None)
    if jar is None:
        return []
    return [
        obj
        for name, connection in jar.connections.items()
        if name != "temporary"
        for obj in connection._registered_objects
    ]


def only_caches(objects) -> bool:
    return bool(objects) and all(isinstance(obj, CACHES) for obj in objects)


def commit_read_caches(event):
    """``IPubBeforeCommit``: a read's cache writes committed apart, dropped
    if the disk refuses them."""
    request = event.request
    if request.get("REQUEST_METHOD", "GET").upper() not in READ_METHODS:
        return
    manager = transaction.manager
    if manager.isDoomed() or not only_caches(changed_objects(request)):
        return
    try:
        manager.commit()
    except OSError as error:
        if not is_disk_error(error):
            raise
        manager.abort()
        logger.warning(
            "Read answered, its cache writes dropped (disk error): %s %s",
            request.get("ACTUAL_URL", ""),
            error,
        )


def ensure_portlet_settings(context) -> int:
    """Create the display settings of the portlets assigned on ``context``.

    :param context: a portal or content object.
    :returns: how many were created.
    """
    created = 0
    for _name, manager in getUtilitiesFor(IPortletManager):
        mapping = queryMultiAdapter((context, manager), IPortletAssignmentMapping)
        if mapping is None:
            continue
        for assignment in mapping.values():
            if ASSIGNMENT_SETTINGS_KEY in IAnnotations(assignment):
                continue
            IPortletAssignmentSettings(assignment)
            created += 1
    return created
