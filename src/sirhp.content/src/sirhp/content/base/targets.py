"""The object a relation points to, found once when asked again.

A personnel file's catalog entry asks for its unit four times (its UID,
title and region, and the career columns): each ``RelationValue.to_object``
goes through the intid utility and the key reference. The last relation
asked in this thread and its target are kept, for the request being
served: the same relation object (``is``: the same ZODB connection) with
the same ``to_id`` has the same target. Nothing else is kept: another
relation, this one changed or broken, or another request (the target's
acquisition context holds its request) looks it up again.
"""

import threading
from zope.globalrequest import getRequest

_last = threading.local()


def target(relation):
    """``relation.to_object``, or None for no relation or a broken one."""
    if relation is None or relation.isBroken():
        return None
    to_id, request = relation.to_id, getRequest()
    kept = getattr(_last, "kept", None)
    if (
        kept is not None
        and kept[0] is relation
        and kept[1] == to_id
        and kept[2] is request
    ):
        return kept[3]
    found = relation.to_object
    _last.kept = (relation, to_id, request, found)
    return found


def forget():
    """Drop what is kept (tests)."""
    _last.kept = None
