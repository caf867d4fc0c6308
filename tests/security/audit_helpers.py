"""Helpers of the audit and login tests: HTTP as a persona, journal reads."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import requests
from sirhp.policy import testdata
from sirhp.policy.audit import transactional
from sirhp.policy.audit.journal import get_journal
from sirhp.policy.login.throttle import get_throttle

JSON = {"Accept": "application/json"}
REFUSED = (401, 403, 404)


def auth(login):
    if login is None:
        return None
    if login == "officer":
        login = testdata.FILES["pn_validated"]
    password = SITE_OWNER_PASSWORD if login == SITE_OWNER_NAME else testdata.PASSWORD
    return (login, password)


def get(url, login, **kwargs):
    kwargs.setdefault("allow_redirects", False)
    kwargs.setdefault("timeout", 30)
    return requests.get(url, auth=auth(login), **kwargs)


def refused_page(response):
    if response.status_code in REFUSED:
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and (
        "require_login" in location or "insufficient" in location
    )


def last_id():
    events = get_journal().query(limit=1)
    return events[0]["id"] if events else 0


def events_since(start, **filters):
    """Journal events after id ``start``, oldest first."""
    events = get_journal().query(limit=10000, **filters)
    return [event for event in reversed(events) if event["id"] > start]


def clear_login_failures():
    get_throttle().clear_all()


def pending(action, **filters):
    """The lines of ``action`` queued on the current transaction, newest
    first: a change's lines are written at its commit, which integration
    tests never reach (``filters``: other columns, e.g. ``matricule``)."""
    wanted = dict(filters, action=action)
    return [
        event
        for event in reversed(transactional.data_manager().events)
        if all(event.get(name) == value for name, value in wanted.items())
    ]
