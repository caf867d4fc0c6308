"""Where second factors are kept: the site's annotations (user id -> record).

Outside content: never traversable, never serialised, never catalogued. A
record holds the secret, the last time step used (no replay), the enrolment
time, and the hashes of the recovery codes (``recovery_codes.py``).
"""

from BTrees.OOBTree import OOBTree
from plone import api
from zope.annotation.interfaces import IAnnotations

STORE_KEY = "sirhp.login.totp"


def store(create=False):
    annotations = IAnnotations(api.portal.get())
    store = annotations.get(STORE_KEY)
    if store is None and create:
        store = annotations[STORE_KEY] = OOBTree()
    return store


def record(user_id):
    records = store()
    return records.get(user_id) if records is not None else None


def is_enrolled(user_id):
    return record(user_id) is not None


def enrolled_user_ids():
    records = store()
    return list(records.keys()) if records is not None else []


def remove(user_id):
    records = store()
    if records is not None and user_id in records:
        del records[user_id]
