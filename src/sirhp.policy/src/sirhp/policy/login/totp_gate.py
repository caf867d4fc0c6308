"""The gate of the second factor: once per login session, before any page.

- Browser: after the password, a user who must use TOTP is sent to
  ``@@totp-verifier`` (or to ``@@totp`` to enrol) before any other page;
  passing it sets a cookie bound to the login session (HMAC of the user id,
  the session cookie and the enrolment time, so a new login, a reset or a
  new enrolment asks again).
- REST: ``@login`` requires the JSON field ``otp`` for those users (401 with a
  message otherwise); they cannot use HTTP basic authentication. A JWT issued
  by ``@login`` is therefore proof of both factors.
- Wrong codes count as login failures (same lockout as wrong passwords) and
  are written to the audit journal.
"""

import hashlib
import hmac
from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.protect.interfaces import IDisableCSRFProtection
from plone.rest.interfaces import IAPIRequest
from sirhp.policy.audit import journal
from sirhp.policy.audit.api import log_event
from sirhp.policy.audit.network import client_address
from sirhp.policy.interfaces import ISirhpPolicyLayer
from sirhp.policy.login import recovery_codes
from sirhp.policy.login import throttle
from sirhp.policy.login import totp
from sirhp.policy.login import totp_store
from sirhp.policy.login.plugins import json_object
from sirhp.policy.login.plugins import password_accepted
from sirhp.policy.login.subscribers import is_rest_login
from urllib.parse import quote
from urllib.parse import urlsplit
from zExceptions import Redirect
from zExceptions import Unauthorized
from zope.component import queryUtility
from zope.interface import alsoProvides

COOKIE = "__sirhp_totp"
# Pages a user who still has to give a code may open (last path segment).
ALLOWED_PENDING = frozenset(
    {
        "totp",
        "@@totp",
        "totp-verifier",
        "@@totp-verifier",
        "logout",
        "@@logout",
        "@logout",
        "@login",  # checked by check_rest_login (field "otp")
        "login",
        "@@login",
        "favicon.ico",
    }
)
RESOURCE_PREFIXES = ("++plone++", "++resource++", "++webresource++", "++theme++")

MESSAGE_OTP_REQUIRED = (
    "Code à usage unique requis : ce compte utilise la double authentification "
    "(champ « otp » de @login)."
)
MESSAGE_OTP_WRONG = "Code à usage unique incorrect ou expiré."
MESSAGE_BASIC_REFUSED = (
    "Ce compte utilise la double authentification : connectez-vous par @login "
    "(identifiant, mot de passe et « otp ») puis utilisez le jeton."
)


# --- the per-session mark ----------------------------------------------------------


def signing_key():
    """The secret of the session marks and of the enrolment form."""
    manager = queryUtility(IKeyManager)
    secret = manager.secret() if manager is not None else ""
    return (secret or "sirhp-totp").encode()


def _session_value(request):
    return request.cookies.get("__ac", "")


def _mark(user_id, session):
    # bound to the enrolment too: after a reset (or a new enrolment) the
    # sessions verified before no longer pass
    record = totp_store.record(user_id)
    enrolled = record.get("enrolled", "") if record is not None else ""
    message = f"{user_id}|{session}|{enrolled!r}".encode()
    return hmac.new(signing_key(), message, hashlib.sha256).hexdigest()


def set_verified(request, user_id):
    secure = request.get("SERVER_URL", "").startswith("https")
    request.response.setCookie(
        COOKIE,
        _mark(user_id, _session_value(request)),
        path="/",
        http_only=True,
        same_site="Strict",
        secure=secure,
    )


def is_verified(request, user_id):
    given = request.cookies.get(COOKIE, "")
    return bool(given) and hmac.compare_digest(
        given, _mark(user_id, _session_value(request))
    )


def clear_verified(request):
    request.response.expireCookie(COOKIE, path="/")


def record_failure(request, login):
    key = throttle.normalise_login(login)
    throttle.get_throttle().record_failure(key, client_address(request))
    log_event(
        journal.LOGIN_FAILED, request=request, user_id=key, detail="otp", user=None
    )


def locked(request, login):
    return throttle.get_throttle().status(login, client_address(request)).locked


def safe_came_from(request, default):
    """A local address to go back to after the code (no open redirect)."""
    came_from = request.form.get("came_from") or ""
    if not isinstance(came_from, str) or "\\" in came_from:
        return default
    portal_url = api.portal.get().absolute_url()
    parts = urlsplit(came_from)
    if parts.scheme or parts.netloc:
        return came_from if came_from.startswith(portal_url + "/") else default
    if came_from.startswith("/") and not came_from.startswith("//"):
        return came_from
    return default


# --- the gate (IPubAfterTraversal) ------------------------------------------------


def _authorization(request):
    header = request.get_header("Authorization") or request._auth or ""
    return header.lower() if isinstance(header, str) else ""


def _is_basic_auth(request):
    return _authorization(request).startswith("basic ")


def _is_bearer(request):
    return _authorization(request).startswith("bearer ")


def require_second_factor(event):
    request = event.request
    if not ISirhpPolicyLayer.providedBy(request):
        return
    try:
        if api.user.is_anonymous():
            return
        user = api.user.get_current()
    except Exception:
        return
    if not totp.must_use(user):
        return
    user_id = user.getId()
    if _is_bearer(request):
        return  # a token from @login: both factors were given
    if _is_basic_auth(request):
        raise Unauthorized(MESSAGE_BASIC_REFUSED)
    segments = [part for part in request.get("PATH_INFO", "").split("/") if part]
    if segments and segments[-1] in ALLOWED_PENDING:
        return
    if any(part.startswith(RESOURCE_PREFIXES) for part in segments):
        return
    if is_verified(request, user_id):
        return
    if IAPIRequest.providedBy(request) or request.get("REQUEST_METHOD") != "GET":
        raise Unauthorized(MESSAGE_OTP_REQUIRED)
    portal_url = api.portal.get().absolute_url()
    target = "@@totp-verifier" if totp_store.is_enrolled(user_id) else "@@totp"
    came_from = quote(request.get("ACTUAL_URL", portal_url), safe="")
    raise Redirect(f"{portal_url}/{target}?came_from={came_from}")


def check_rest_login(event):
    """``@login`` of a user who must use TOTP: the ``otp`` field is required."""
    request = event.request
    if not ISirhpPolicyLayer.providedBy(request) or not is_rest_login(request):
        return
    data = json_object(request)
    login, password = data.get("login"), data.get("password")
    if not isinstance(login, str) or not isinstance(password, str) or not login:
        return
    acl_users = api.portal.get_tool("acl_users")
    user = api.user.get(username=login)
    if user is None or not totp.must_use(user):
        return
    if locked(request, login):
        return  # the lockout subscriber answers
    if not password_accepted(acl_users, login, password):
        return  # @login refuses it and counts the failure
    code = data.get("otp")
    if not code:
        raise Unauthorized(MESSAGE_OTP_REQUIRED)
    # @login has no CSRF token: the last step (or the used recovery code)
    # must still be stored
    alsoProvides(request, IDisableCSRFProtection)
    if totp_store.is_enrolled(user.getId()):
        method = totp.check_second_factor(user.getId(), str(code))
        if method == totp.RECOVERY:
            recovery_codes.log_recovery_used(request, user, "api")
        if method is not None:
            return
    record_failure(request, login)
    if not totp_store.is_enrolled(user.getId()):
        raise Unauthorized(
            "Double authentification requise mais non configurée : ouvrez "
            "@@totp dans le navigateur pour l'activer."
        )
    raise Unauthorized(MESSAGE_OTP_WRONG)
