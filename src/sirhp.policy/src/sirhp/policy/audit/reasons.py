"""The reason asked before medical fields are shown (motif de consultation).

Browser: the first time in a login session, the file page shows a short
form instead of the medical section; the reason given is kept in a signed
cookie ``sirhp_motif`` (HMAC with the site's ``_system`` keyring secret,
bound to the user id, expired at login and logout and after
``REASON_MAX_AGE``). Nothing is written to the ZODB.

REST: a request gives its reason in the header ``X-SIRHP-Reason`` (or the
query ``reason=``, REST only) as ``code`` or ``code: free text`` (text required for
``autre``), or carries the browser cookie. Without one, the sensitive fields
are left out of the JSON; with ``?sensitive=1`` the request is refused (403).

The officer reading his or her own file gives no reason.
"""

import base64
import hashlib
import hmac
import json
from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.rest.interfaces import IAPIRequest
from sirhp.content.permissions import ReadSensitive
from sirhp.policy import _
from sirhp.policy.base.views import has_permission
import time
from zope.component import queryUtility

COOKIE = "sirhp_motif"
HEADER = "X-SIRHP-Reason"
REASON_MAX_AGE = 8 * 3600  # a working day; a new login asks again anyway
MAX_TEXT = 300
OWN_FILE = "interesse"

REASONS = (
    ("enquete", _("reason_enquete", default="Enquête administrative")),
    ("aptitude", _("reason_aptitude", default="Aptitude médicale")),
    ("interesse", _("reason_interesse", default="Demande de l'intéressé")),
    ("controle", _("reason_controle", default="Contrôle/audit")),
    ("autre", _("reason_autre", default="Autre (préciser)")),
)
REASON_CODES = frozenset(code for code, _label in REASONS)

# States of the medical section for the current user
HIDDEN = "hidden"  # no permission: nothing to ask, nothing to show
OWN = "own"  # the officer's own file
REQUIRED = "required"  # permission, but no reason yet
GRANTED = "granted"  # permission and a reason


def normalise(code, text=""):
    """(code, text) if valid, else None (``autre`` needs a text)."""
    code = (code or "").strip().lower()
    text = " ".join((text or "").split())[:MAX_TEXT]
    if code not in REASON_CODES:
        return None
    if code == "autre" and not text:
        return None
    return code, text


def parse(value):
    """``code`` or ``code: free text`` (header and query)."""
    if not value:
        return None
    code, _sep, text = str(value).partition(":")
    return normalise(code, text)


def _secrets():
    manager = queryUtility(IKeyManager)
    if manager is None:
        return []
    try:
        return [key for key in manager["_system"] if key]
    except Exception:
        return [manager.secret()]


def _sign(payload: bytes, secret) -> str:
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    return hmac.new(secret, payload, hashlib.sha256).hexdigest()


def cookie_value(user_id, code, text, now=None) -> str:
    payload = json.dumps(
        {"u": user_id, "c": code, "t": text, "ts": int(now or time.time())},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    secrets = _secrets()
    signature = _sign(payload, secrets[0]) if secrets else ""
    return base64.urlsafe_b64encode(payload).decode("ascii") + "." + signature


def read_cookie(value, user_id, now=None):
    """(code, text) from a valid cookie of ``user_id``, else None."""
    if not value or "." not in value:
        return None
    encoded, _sep, signature = value.rpartition(".")
    try:
        payload = base64.urlsafe_b64decode(encoded.encode("ascii"))
        data = json.loads(payload)
    except (ValueError, UnicodeError):
        return None
    if not any(
        hmac.compare_digest(_sign(payload, secret), signature) for secret in _secrets()
    ):
        return None
    if data.get("u") != user_id:
        return None
    if (now or time.time()) - int(data.get("ts", 0)) > REASON_MAX_AGE:
        return None
    return normalise(data.get("c"), data.get("t"))


def set_cookie(request, user_id, code, text):
    portal_path = api.portal.get().absolute_url_path() or "/"
    value = cookie_value(user_id, code, text)
    request.response.setCookie(
        COOKIE,
        value,
        path=portal_path,
        http_only=True,
        same_site="Strict",
        secure=request.get("SERVER_URL", "").startswith("https"),
    )
    request.cookies[COOKIE] = value


def clear_cookie(request):
    try:
        portal_path = api.portal.get().absolute_url_path() or "/"
    except Exception:
        portal_path = "/"
    request.response.expireCookie(COOKIE, path=portal_path)


def given_reason(request, user_id):
    """The reason this request carries: header, query (REST only: a link
    must not give a reason on the user's behalf), else the cookie."""
    given = parse(request.getHeader(HEADER))
    if given is None and IAPIRequest.providedBy(request):
        given = parse(request.form.get("reason"))
        if given is None and request.form.get("reason"):
            given = normalise(
                request.form.get("reason"), request.form.get("reason_text")
            )
    if given is None:
        given = read_cookie(request.cookies.get(COOKIE), user_id)
    return given


def is_own_file(context, user_id):
    matricule = getattr(context, "matricule", None)
    return bool(matricule) and matricule == user_id


def sensitive_access(context, request):
    """(state, (code, text) or None) of the medical fields of ``context``."""
    if not has_permission(ReadSensitive, context):
        return HIDDEN, None
    user_id = api.user.get_current().getId()
    if is_own_file(context, user_id):
        return OWN, (OWN_FILE, "")
    given = given_reason(request, user_id)
    if given is None:
        return REQUIRED, None
    return GRANTED, given


def reason_label(code):
    return dict(REASONS).get(code, code)


def format_reason(reason):
    """``code: text`` as stored in the journal."""
    if not reason:
        return ""
    code, text = reason
    return f"{code}: {text}" if text else code
