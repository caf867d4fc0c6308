"""TOTP second factor (RFC 6238, pyotp) for staff accounts.

- Optional for every account (``@@totp``: enrol with an authenticator app);
  REQUIRED for reviewers and HR managers when the site enables
  ``sirhp.security.totp_required``.
- Secrets live in the site's annotations (``OOBTree`` user id -> record),
  outside content: never traversable, never serialised, never catalogued.
  A record holds the secret and the last time step used (no replay).
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
- Recovery codes (*codes de secours*): 10 single-use codes (``XXXX-XXXX``,
  Crockford base32, 40 random bits each) made at enrolment and on demand,
  shown once; the record keeps only their PBKDF2-SHA256 hashes (one random
  salt per generation). Wherever a TOTP code is asked after the password
  (``@@totp-verifier``, ``@login``'s ``otp``), a recovery code is accepted
  instead, used up, and the journal records it; wrong ones count like wrong
  TOTP codes. Disabling, regenerating and ``@@totp`` itself ask for a real
  TOTP code.
- An administrator (``Plone Site Setup: Users and Groups``: Manager, Site
  Administrator) removes someone's enrolment and codes
  (``reset``: ``@@totp-reinitialiser``, or ``scripts/totp_reset.py`` from a
  shell); the journal records who, whom and why.
"""

from BTrees.OOBTree import OOBTree
import hashlib
import hmac
import json
from persistent.mapping import PersistentMapping
from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.protect.interfaces import IDisableCSRFProtection
from plone.rest.interfaces import IAPIRequest
import pyotp
import secrets
from sirhp.policy import config
from sirhp.policy.audit import journal
from sirhp.policy.audit.api import log_event
from sirhp.policy.audit.network import client_address
from sirhp.policy.interfaces import ISirhpPolicyLayer
from sirhp.policy.login import throttle
import time
from urllib.parse import quote
from urllib.parse import urlsplit
from zExceptions import Redirect
from zExceptions import Unauthorized
from zope.annotation.interfaces import IAnnotations
from zope.component import queryUtility
from zope.interface import alsoProvides

STORE_KEY = "sirhp.login.totp"
SETTING = "sirhp.security.totp_required"
COOKIE = "__sirhp_totp"
ISSUER = "SIRHP"
REQUIRED_SUFFIXES = ("reviewers", "hr")  # agency groups: RecordsReviewer, HRManager
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
TOTP = "totp"
RECOVERY = "recovery"
RECOVERY_COUNT = 10
RECOVERY_LENGTH = 8  # characters of Crockford base32: 40 bits
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I L O U
RECOVERY_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})
RECOVERY_ITERATIONS = 100_000  # PBKDF2-SHA256; one derivation per attempt
MESSAGE_BASIC_REFUSED = (
    "Ce compte utilise la double authentification : connectez-vous par @login "
    "(identifiant, mot de passe et « otp ») puis utilisez le jeton."
)


# --- storage ---------------------------------------------------------------------


def _store(create=False):
    annotations = IAnnotations(api.portal.get())
    store = annotations.get(STORE_KEY)
    if store is None and create:
        store = annotations[STORE_KEY] = OOBTree()
    return store


def _record(user_id):
    store = _store()
    return store.get(user_id) if store is not None else None


def is_enrolled(user_id):
    return _record(user_id) is not None


def new_secret():
    return pyotp.random_base32()


def provisioning_uri(secret, login):
    return pyotp.TOTP(secret).provisioning_uri(name=login, issuer_name=ISSUER)


def _matching_step(secret, code, now=None):
    """The time step ``code`` belongs to (±1 step of drift), or None."""
    code = (code or "").strip().replace(" ", "") if isinstance(code, str) else ""
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    step = int(now) // totp.interval
    for candidate in (step, step - 1, step + 1):
        if hmac.compare_digest(totp.at(candidate * totp.interval), code):
            return candidate
    return None


def enrol(user_id, secret, code):
    """Store ``secret`` for the user if ``code`` proves the app has it."""
    step = _matching_step(secret, code)
    if step is None:
        return False
    _store(create=True)[user_id] = PersistentMapping(
        {"secret": secret, "last_step": step, "enrolled": time.time()}
    )
    return True


def remove(user_id):
    store = _store()
    if store is not None and user_id in store:
        del store[user_id]


def check_code(user_id, code):
    """True for a right code not used before (the step is then remembered)."""
    record = _record(user_id)
    if record is None:
        return False
    step = _matching_step(record["secret"], code)
    if step is None or step <= record.get("last_step", -1):
        return False
    record["last_step"] = step
    return True


# --- recovery codes ---------------------------------------------------------------


def normalise_recovery_code(code):
    """``abcd efgh``, ``ABCD-EFGH``, ``0`` for ``O``... -> ``ABCDEFGH``, or None."""
    if not isinstance(code, str):
        return None
    code = code.upper().replace("-", "").replace(" ", "").translate(RECOVERY_TYPOS)
    if len(code) != RECOVERY_LENGTH or not all(c in RECOVERY_ALPHABET for c in code):
        return None
    return code


def _recovery_hash(code, salt, iterations):
    return hashlib.pbkdf2_hmac(
        "sha256", code.encode("ascii"), bytes.fromhex(salt), iterations
    ).hex()


def new_recovery_codes(user_id, count=RECOVERY_COUNT):
    """New codes for an enrolled user (the old ones stop working).

    Returns the codes as shown to the user (``XXXX-XXXX``); only their
    hashes are stored.
    """
    record = _record(user_id)
    if record is None:
        raise ValueError(f"{user_id} has no second factor")
    codes = []
    while len(codes) < count:
        code = "".join(
            secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH)
        )
        if code not in codes:
            codes.append(code)
    salt = secrets.token_hex(16)
    record["recovery_salt"] = salt
    record["recovery_iterations"] = RECOVERY_ITERATIONS
    record["recovery"] = tuple(
        _recovery_hash(code, salt, RECOVERY_ITERATIONS) for code in codes
    )
    record["recovery_created"] = time.time()
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def recovery_codes_left(user_id):
    record = _record(user_id)
    return len(record.get("recovery", ())) if record is not None else 0


def use_recovery_code(user_id, code):
    """True for one of the user's unused recovery codes, which is used up."""
    record = _record(user_id)
    code = normalise_recovery_code(code)
    if record is None or code is None or not record.get("recovery"):
        return False
    given = _recovery_hash(
        code, record["recovery_salt"], record.get("recovery_iterations", 1)
    )
    stored = record["recovery"]
    matches = [hmac.compare_digest(given, value) for value in stored]  # all compared
    if not any(matches):
        return False
    # a new tuple: the record changes, so two requests using the same code
    # at once conflict in the ZODB and the retry finds it gone
    record["recovery"] = tuple(
        value for value, match in zip(stored, matches, strict=True) if not match
    )
    return True


def check_second_factor(user_id, code):
    """``TOTP``, ``RECOVERY`` (that code is now used up) or None (refused)."""
    if check_code(user_id, code):
        return TOTP
    if use_recovery_code(user_id, code):
        return RECOVERY
    return None


def log_codes_generated(request, user, reason):
    """Journal: new recovery codes (``reason``: enrolment or regeneration)."""
    log_event(
        journal.TOTP_CODES,
        request=request,
        user=user,
        user_id=user.getId(),
        detail={"count": recovery_codes_left(user.getId()), "why": reason},
    )


def log_recovery_used(request, user, channel):
    """Journal: a recovery code replaced the TOTP code (``channel``: web, api)."""
    log_event(
        journal.TOTP_RECOVERY,
        request=request,
        user=user,
        user_id=user.getId(),
        detail={"channel": channel, "remaining": recovery_codes_left(user.getId())},
    )


# --- administrator reset --------------------------------------------------------


def reset(user_id, reason, request=None, actor=None, channel="web"):
    """Remove ``user_id``'s enrolment and recovery codes, journal who and why.

    ``actor`` names who did it when no user is logged in (the console).
    Returns False (and changes nothing) when the user had no second factor.
    The user's open sessions stop passing the gate (the session mark is bound
    to the enrolment); a user for whom TOTP is required enrols again.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("a reason is required")
    if not is_enrolled(user_id):
        return False
    remove(user_id)
    log_event(
        journal.TOTP_RESET,
        request=request,
        user_id=actor,
        reason=reason,
        detail={"target": user_id, "channel": channel},
        raise_errors=True,
    )
    return True


def enrolled_user_ids():
    store = _store()
    return list(store.keys()) if store is not None else []


# --- who must give a code -------------------------------------------------------


def required_by_role(user):
    """Reviewers and HR managers (agency groups), when the site asks for it."""
    if not api.portal.get_registry_record(SETTING, default=False):
        return False
    try:
        groups = {group.getId() for group in api.group.get_groups(user=user)}
    except Exception:  # e.g. the Zope root's admin: no site groups
        return False
    for agency in config.AGENCIES:
        for suffix in REQUIRED_SUFFIXES:
            if config.agency_group_id(agency["id"], suffix) in groups:
                return True
    return False


def must_use(user):
    if user is None:
        return False
    return is_enrolled(user.getId()) or required_by_role(user)


# --- the per-session mark ----------------------------------------------------------


def _key():
    manager = queryUtility(IKeyManager)
    secret = manager.secret() if manager is not None else ""
    return (secret or "sirhp-totp").encode()


def _session_value(request):
    return request.cookies.get("__ac", "")


def _mark(user_id, session):
    # bound to the enrolment too: after a reset (or a new enrolment) the
    # sessions verified before no longer pass
    record = _record(user_id)
    enrolled = record.get("enrolled", "") if record is not None else ""
    message = f"{user_id}|{session}|{enrolled!r}".encode()
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()


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
    if not must_use(user):
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
    target = "@@totp-verifier" if is_enrolled(user_id) else "@@totp"
    came_from = quote(request.get("ACTUAL_URL", portal_url), safe="")
    raise Redirect(f"{portal_url}/{target}?came_from={came_from}")


def check_rest_login(event):
    """``@login`` of a user who must use TOTP: the ``otp`` field is required."""
    from sirhp.policy.login.plugins import password_accepted
    from sirhp.policy.login.subscribers import is_rest_login

    request = event.request
    if not ISirhpPolicyLayer.providedBy(request) or not is_rest_login(request):
        return
    try:
        data = json.loads(request.get("BODY") or b"{}")
    except (TypeError, ValueError):
        return
    if not isinstance(data, dict):
        return
    login, password = data.get("login"), data.get("password")
    if not isinstance(login, str) or not isinstance(password, str) or not login:
        return
    acl_users = api.portal.get_tool("acl_users")
    user = api.user.get(username=login)
    if user is None or not must_use(user):
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
    if is_enrolled(user.getId()):
        method = check_second_factor(user.getId(), str(code))
        if method == RECOVERY:
            log_recovery_used(request, user, "api")
        if method is not None:
            return
    record_failure(request, login)
    if not is_enrolled(user.getId()):
        raise Unauthorized(
            "Double authentification requise mais non configurée : ouvrez "
            "@@totp dans le navigateur pour l'activer."
        )
    raise Unauthorized(MESSAGE_OTP_WRONG)
