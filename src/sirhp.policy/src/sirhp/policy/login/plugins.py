"""Two PAS plugins: the login guard and the password policy.

The login guard is the *first* authentication plugin. PAS gives every
authentication plugin the same credentials dictionary in turn (in
``_extractUserIds`` and in PlonePAS's ``authenticate`` used by ``@login``),
so while an account or an address is locked the guard empties that
dictionary: the password plugins after it find nothing to check. It never
authenticates anybody itself. (Products.LoginLockout uses the same PAS
contract.) It also notes each password attempt on the request; the outcome
is settled at the end of the request (``subscribers.py``). A disabled
account (archived officer) is refused the same way, whatever it presents:
password, session cookie or token.
"""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
import json
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
import re
from sirhp.policy import _
from sirhp.policy.audit import journal
from sirhp.policy.audit.api import log_event
from sirhp.policy.audit.network import client_address
from sirhp.policy.login import accounts
from sirhp.policy.login import throttle
from sirhp.policy.login.sessions import credential_user_id
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer

MSG_STORE_UNAVAILABLE = _(
    "error_login_store_unavailable",
    default="Connexion impossible : les échecs de connexion ne peuvent pas "
    "être comptés. Réessayez plus tard ou prévenez l'administrateur.",
)
ATTEMPTS_KEY = "sirhp.login.attempts"
LOCKED_KEY = "sirhp.login.locked"
GUARD_ID = "sirhp_login_guard"
POLICY_ID = "sirhp_password_policy"


def locked_message(status, request):
    if status.kind == throttle.STORE:
        return translate(MSG_STORE_UNAVAILABLE, context=request)
    return translate(
        _(
            "error_account_locked",
            default="Compte temporairement verrouillé après trop d'échecs de "
            "connexion : réessayez dans ${minutes} minutes.",
            mapping={"minutes": status.minutes_left},
        ),
        context=request,
    )


def json_object(request):
    """The request's body as a JSON object ({} for anything else): the one
    reading of ``@login`` and ``@users`` bodies here."""
    try:
        data = json.loads(request.get("BODY") or b"{}")
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def note_attempt(request, login, password):
    """Remember the attempt until the end of the request (memory only)."""
    attempts = request.other.get(ATTEMPTS_KEY)
    if attempts is None:
        attempts = request.other[ATTEMPTS_KEY] = {}
    attempts.setdefault(throttle.normalise_login(login), (login, password))


def password_accepted(acl_users, login, password):
    """Would any other authentication plugin (or the Zope root user folder)
    accept these credentials? Asked only when the request ended anonymous:
    a right password refused for lack of rights is not a login failure."""
    for plugin_id, plugin in acl_users.plugins.listPlugins(IAuthenticationPlugin):
        if plugin_id == GUARD_ID:
            continue
        try:
            found = plugin.authenticateCredentials(
                {"login": login, "password": password}
            )
        except Exception:
            continue
        if found and found[0]:
            return True
    root = getattr(acl_users.getPhysicalRoot(), "acl_users", None)
    try:
        return bool(root is not None and root.authenticate(login, password, None))
    except Exception:
        return False


def refuse_locked(request, login, status):
    """Journal line and French message, once per request and login."""
    locked = request.other.setdefault(LOCKED_KEY, set())
    key = throttle.normalise_login(login)
    if key in locked:
        return
    locked.add(key)
    log_event(
        journal.LOGIN_LOCKED,
        request=request,
        user=None,
        detail={"login": key, "scope": status.kind},
        path="",
        user_id=key,
    )
    if "__ac_name" in request.form:  # the Classic UI login form
        api.portal.show_message(
            locked_message(status, request), request=request, type="error"
        )


def _disabled(user_id):
    try:
        return accounts.is_disabled(user_id)
    except Exception:  # no site (Zope root)
        return False


@implementer(IAuthenticationPlugin)
class LoginGuardPlugin(BasePlugin):
    """Refuses passwords of locked accounts and addresses (never authenticates)."""

    meta_type = "SIRHP Login Guard"
    security = ClassSecurityInfo()

    def __init__(self, id, title=""):
        self.id = id
        self.title = title

    @security.private
    def authenticateCredentials(self, credentials):
        login = credentials.get("login")
        password_attempt = bool(login) and credentials.get("password") is not None
        user_id = login if password_attempt else credential_user_id(credentials)
        if user_id and _disabled(user_id):
            # an archived officer's account: no password, cookie nor token
            credentials.clear()
            return None
        if not password_attempt:
            return None  # a session cookie or a token: not a password attempt
        request = getRequest()
        if request is None:
            return None
        status = throttle.get_throttle().status(login, client_address(request))
        if status.locked:
            refuse_locked(request, login, status)
            credentials.clear()
            return None
        note_attempt(request, login, credentials.get("password"))
        return None


InitializeClass(LoginGuardPlugin)


_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")


def password_problems(password, logins=(), min_length=12):
    """The rules a password breaks (empty list when it is acceptable)."""
    password = password or ""
    problems = []
    if len(password) < min_length:
        problems.append("length")
    if not (_LETTER.search(password) and _DIGIT.search(password)):
        problems.append("letters_digits")
    lowered = password.lower()
    for login in logins:
        login = (login or "").strip().lower()
        if len(login) >= 3 and login in lowered:
            problems.append("login")
            break
    return problems


def _candidate_logins(user, set_id):
    """Whose password this is: PAS passes no user when Plone validates a
    password, so look at the request (forms, @users) and the current user."""
    names = set()
    for value in (set_id, user):
        if hasattr(value, "getUserName"):
            names.update({value.getUserName(), value.getId()})
        elif value:
            names.add(str(value))
    request = getRequest()
    if request is None:
        return names
    form = getattr(request, "form", {}) or {}
    for key in (
        "userid",
        "login",
        "username",
        "__ac_name",
        "form.widgets.username",
        "form.widgets.login_name",
        "form.widgets.email",
    ):
        value = form.get(key)
        if isinstance(value, str):
            names.add(value)
    body = json_object(request)
    for key in ("username", "login", "email"):
        if isinstance(body.get(key), str):
            names.add(body[key])
    parts = (request.get("PATH_INFO") or "").split("/")
    if "@users" in parts and parts.index("@users") + 1 < len(parts):
        names.add(parts[parts.index("@users") + 1])
    try:
        current = api.user.get_current()
        if current is not None and not api.user.is_anonymous():
            names.update({current.getUserName(), current.getId()})
    except Exception:
        pass
    names.discard(None)
    return names


@implementer(IValidationPlugin)
class PasswordPolicyPlugin(BasePlugin):
    """At least 12 characters, letters and digits, not the login."""

    meta_type = "SIRHP Password Policy"
    security = ClassSecurityInfo()

    def __init__(self, id, title=""):
        self.id = id
        self.title = title

    @security.private
    def validateUserInfo(self, user, set_id, set_info):
        if not set_info or "password" not in set_info:
            return []
        password = set_info.get("password")
        if password is None:
            return []
        min_length = throttle.setting("password_min_length")
        problems = password_problems(
            password, _candidate_logins(user, set_id), min_length
        )
        if not problems:
            return []
        message = _(
            "error_password_policy",
            default="Mot de passe trop faible : au moins ${length} caractères, "
            "avec des lettres et des chiffres, sans votre identifiant.",
            mapping={"length": min_length},
        )
        return [{"id": "password", "error": translate(message, context=getRequest())}]


InitializeClass(PasswordPolicyPlugin)
