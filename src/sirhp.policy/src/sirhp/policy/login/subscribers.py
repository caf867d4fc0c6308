"""The outcome of login attempts, ``@login`` while locked, login and logout."""

from plone import api
from sirhp.policy import logger
from sirhp.policy.audit import journal
from sirhp.policy.audit import reasons
from sirhp.policy.audit.api import log_event
from sirhp.policy.audit.network import client_address
from sirhp.policy.audit.unavailable import JournalUnavailable
from sirhp.policy.audit.unavailable import MSG_JOURNAL_UNAVAILABLE_LOGIN
from sirhp.policy.interfaces import ISirhpPolicyLayer
from sirhp.policy.login import throttle
from sirhp.policy.login.plugins import ATTEMPTS_KEY
from sirhp.policy.login.plugins import json_object
from sirhp.policy.login.plugins import locked_message
from sirhp.policy.login.plugins import password_accepted
from sirhp.policy.login.plugins import refuse_locked
from zExceptions import Unauthorized
from ZPublisher.interfaces import IPubSuccess

REST_LOGIN = "@login"
SETTLED_KEY = "sirhp.login.settled"
# plone.session's ticket: a refused login must not leave one in the answer
SESSION_COOKIE = "__ac"


def _published_name(request):
    return getattr(request.get("PUBLISHED"), "__name__", "") or ""


def is_rest_login(request):
    return _published_name(request).endswith("_" + REST_LOGIN)


def is_form_login(request):
    return (
        request.get("REQUEST_METHOD", "GET").upper() == "POST"
        and "__ac_name" in request.form
    )


def refuse_locked_rest_login(event):
    """``@login`` of a locked account or from a locked address: 401 + why."""
    request = event.request
    if not ISirhpPolicyLayer.providedBy(request) or not is_rest_login(request):
        return
    login = json_object(request).get("login")
    if not isinstance(login, str) or not login:
        return
    status = throttle.get_throttle().status(login, client_address(request))
    if status.locked:
        refuse_locked(request, login, status)
        request.other[SETTLED_KEY] = True
        raise Unauthorized(locked_message(status, request))


def _succeeded(request, key, login, password):
    if is_rest_login(request):
        return request.response.getStatus() == 200
    if not api.user.is_anonymous():
        user = api.user.get_current()
        names = {throttle.normalise_login(user.getUserName())}
        names.add(throttle.normalise_login(user.getId()))
        if key in names:
            return True
    # anonymous in the end: a wrong password, or a right one without rights
    return password_accepted(api.portal.get().acl_users, login, password)


def settle_attempts(event):
    """After the request: count failures, clear them on an interactive login."""
    request = event.request
    if getattr(event, "retry", False) or request.other.get(SETTLED_KEY):
        return
    attempts = request.other.get(ATTEMPTS_KEY)
    if not attempts:
        return
    request.other[SETTLED_KEY] = True
    interactive = is_rest_login(request) or is_form_login(request)
    client = client_address(request)
    guard = throttle.get_throttle()
    channel = "api" if is_rest_login(request) else "web"
    for key, (login, password) in sorted(attempts.items()):
        if _succeeded(request, key, login, password):
            if interactive:
                guard.clear_account(key)
                _journal_login(event, key, channel)
            continue
        try:
            guard.record_failure(key, client)
        except Exception:
            # not counted: the store is marked unusable, so the next
            # password attempts are refused (throttle.Throttle.status)
            logger.exception("Login failure of %s not counted", key)
        log_event(journal.LOGIN_FAILED, request=request, user_id=key, detail=channel)


def _journal_login(event, key, channel):
    """Journal a login before its answer leaves; a login the journal cannot
    record opens no session: its ticket is expired and the answer (the
    REST token, the redirect) replaced by a French 503."""
    request = event.request
    try:
        log_event(
            journal.LOGIN,
            request=request,
            user_id=key,
            detail=channel,
            raise_errors=True,
        )
    except Exception as error:
        request.response.expireCookie(SESSION_COOKIE, path="/")
        if IPubSuccess.providedBy(event):
            raise JournalUnavailable(
                str(error), MSG_JOURNAL_UNAVAILABLE_LOGIN
            ) from error


def on_logged_in(event):
    """A new login session asks again for the reason of sensitive reads."""
    request = getattr(api.portal.get(), "REQUEST", None)
    if request is not None:
        reasons.clear_cookie(request)


def on_logged_out(event):
    request = getattr(api.portal.get(), "REQUEST", None)
    if request is not None:
        reasons.clear_cookie(request)
    log_event(journal.LOGOUT, request=request)
