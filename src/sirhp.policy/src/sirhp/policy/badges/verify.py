"""Public verification of a badge (Vérification d'une carte).

``/@@carte/<token>`` (the QR code) and ``/@@carte?numero=<card number>`` (the
manual form) answer, to anyone and without an account: valid, expired,
revoked or unknown; for a valid card, the photo, name, grade and agency as
printed on the card (snapshot taken at printing), nothing else.

- No database write: the page only reads (the snapshot is on the badge); the
  rate limiter lives in the memory of the Zope process.
- Unknown, forged and truncated tokens do the same work (one HMAC, one
  catalog query) and get the same page.
- The page is small (inline CSS, no script, the photo inline as a ~5 KB
  JPEG) and speaks French or English (``?lang=en`` or the browser's first
  language).
"""

from base64 import b64encode
from collections import deque
from plone import api
from plone.memoize.view import memoize
from Products.Five import BrowserView
from sirhp.content.badges import api as badges
from sirhp.content.badges import rules
from sirhp.content.badges.verification import VERIFY_VIEW
from sirhp.content.base.errors import SirhpError
from sirhp.policy import _
from sirhp.policy.audit.network import client_address
import threading
import time
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

STATUS_TEXT = {
    rules.VALID: _("verify_valid", default="Carte valide"),
    rules.EXPIRED: _("verify_expired", default="Carte expirée"),
    rules.REVOKED: _("verify_revoked", default="Carte révoquée"),
    rules.UNKNOWN: _("verify_unknown", default="Carte inconnue"),
}
STATUS_HELP = {
    rules.VALID: _(
        "verify_valid_help",
        default="Cette carte a été délivrée par SIRHP et elle est en cours de "
        "validité. Vérifiez que la photo correspond à la personne.",
    ),
    rules.EXPIRED: _(
        "verify_expired_help",
        default="La date de validité de cette carte est dépassée : elle ne prouve "
        "plus la qualité de son porteur.",
    ),
    rules.REVOKED: _(
        "verify_revoked_help",
        default="Cette carte a été annulée (perte, vol, remplacement ou départ du "
        "service). Elle n'est plus valable.",
    ),
    rules.UNKNOWN: _(
        "verify_unknown_help",
        default="Aucune carte ne correspond. Le code est peut-être mal lu ou la "
        "carte est fausse. En cas de doute, appelez le 17.",
    ),
}
TOO_MANY = _(
    "verify_too_many",
    default="Trop de vérifications depuis votre adresse. Réessayez dans une minute.",
)


class TooManyChecks(SirhpError):
    """Over the limit of checks per minute from one address (HTTP 429)."""

    status = 429
    type = "TooManyRequests"

    def __init__(self):
        super().__init__(TOO_MANY)


class RateLimiter:
    """At most ``limit`` hits per address in a sliding minute (per process)."""

    def __init__(self, window=60.0):
        self.window = window
        self.hits = {}
        self.lock = threading.Lock()

    def allow(self, address, limit, now=None):
        now = time.monotonic() if now is None else now
        with self.lock:
            if len(self.hits) > 10000:  # forget idle addresses
                for key in [
                    k
                    for k, v in self.hits.items()
                    if not v or v[-1] < now - self.window
                ]:
                    del self.hits[key]
            queue = self.hits.setdefault(address, deque())
            while queue and queue[0] <= now - self.window:
                queue.popleft()
            if len(queue) >= limit:
                return False
            queue.append(now)
            return True

    def reset(self):
        with self.lock:
            self.hits.clear()


LIMITER = RateLimiter()


def rate_limited(request):
    """Whether the client of ``request`` is over its checks per minute."""
    limit = badges.badge_setting("verifications_per_minute")
    return not LIMITER.allow(client_address(request), limit)


def language(request):
    lang = (request.form.get("lang") or "").lower()
    if lang in ("fr", "en"):
        return lang
    accept = (request.get_header("Accept-Language") or "").lower()
    return "en" if accept.startswith("en") else "fr"


@implementer(IPublishTraverse)
class VerifyView(BrowserView):
    """``@@carte/<token>`` and ``@@carte?numero=...``: public, read only."""

    token = None

    def publishTraverse(self, request, name):
        if self.token is None:
            self.token = name
            return self
        self.token = ""  # extra path segments: a broken token
        return self

    def __call__(self):
        response = self.request.response
        response.setHeader("Cache-Control", "no-store")
        response.setHeader("X-Robots-Tag", "noindex")
        self.lang = language(self.request)
        number = self.request.form.get("numero")
        self.asked = bool(self.token) or number is not None or self.token == ""
        if self.asked and rate_limited(self.request):
            response.setStatus(429)
            response.setHeader("Retry-After", "60")
            self.result = None
            self.message = self.t(TOO_MANY)
            return self.index()
        self.message = None
        if number is not None:
            self.result = badges.check_card(number=str(number)[:40])
        elif self.asked:
            self.result = badges.check_card(token=self.token[:100])
        else:
            self.result = None
        return self.index()

    def t(self, message):
        return translate(message, target_language=self.lang)

    def status(self):
        return self.result["status"] if self.result else None

    def status_text(self):
        return self.t(STATUS_TEXT[self.status()])

    def status_help(self):
        return self.t(STATUS_HELP[self.status()])

    def photo_src(self):
        photo = (self.result or {}).get("photo")
        if not photo:
            return None
        return "data:image/jpeg;base64," + b64encode(photo).decode("ascii")

    def expiry(self):
        value = (self.result or {}).get("expiry_date")
        return value.strftime("%d/%m/%Y") if value else ""

    @memoize
    def texts(self):
        msgs = {
            "title": _(
                "verify_title", default="Vérification d'une carte professionnelle"
            ),
            "intro": _(
                "verify_intro",
                default="Scannez le code QR au dos de la carte, ou saisissez le "
                "numéro imprimé sur la carte.",
            ),
            "number": _("verify_number", default="Numéro de la carte"),
            "submit": _("verify_submit", default="Vérifier"),
            "name": _("verify_name", default="Nom"),
            "grade": _("verify_grade", default="Grade"),
            "agency": _("verify_agency", default="Service"),
            "until": _("verify_until", default="Valable jusqu'au"),
            "republic": _("verify_republic", default="République du Mali"),
        }
        return {key: self.t(value) for key, value in msgs.items()}

    def other_language_url(self):
        other = "fr" if self.lang == "en" else "en"
        base = f"{api.portal.get().absolute_url()}/{VERIFY_VIEW}"
        if self.token:
            base = f"{base}/{self.token}"
        return f"{base}?lang={other}"

    def form_action(self):
        return f"{api.portal.get().absolute_url()}/{VERIFY_VIEW}"
