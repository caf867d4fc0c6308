"""People as the pages name them: a user's full name, not the login.

Histories, queues and the journal show who did something; a login
(``reviewer.pn``, a matricule) means nothing to a new user. Names are read
once per request (a queue names the same few people many times).
"""

from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest

CACHE_KEY = "sirhp.people.full_names"


def _cache():
    request = getRequest()
    if request is None:
        return {}
    try:
        return IAnnotations(request).setdefault(CACHE_KEY, {})
    except TypeError:  # a request that takes no annotations (tests)
        return {}


def full_name(user_id):
    """The full name of ``user_id``, else the id itself ('' for None).

    :param user_id: a user id or login (the workflow's ``actor``).
    :returns: the member's ``fullname`` property when set, else ``user_id``.
    """
    if not user_id:
        return ""
    cache = _cache()
    if user_id not in cache:
        user = api.user.get(userid=user_id) or api.user.get(username=user_id)
        name = (user.getProperty("fullname", "") if user is not None else "") or ""
        cache[user_id] = name.strip() or user_id
    return cache[user_id]
