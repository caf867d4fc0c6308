"""The public check of a card: the site's secret, the QR code's URL, the answer.

The QR code of a card carries the URL of the public page (``@@carte``, in
sirhp.policy) with a token: a random verification id signed with the
site's secret (``rules.sign``).

The secret (32 random bytes) is created at install (and by the 1001
upgrade) and kept in the site's annotations, out of reach of any view or
endpoint. An operator may instead set ``SIRHP_BADGE_SECRET`` in the instance
environment (zope.conf ``<environment>``): all ZEO clients must then share
the same value. Changing the secret invalidates the QR code of every
printed card.
"""

from datetime import date
import os
from plone import api
import secrets
from sirhp.content.badges import rules
from sirhp.content.badges.content import badge_setting
from zope.annotation.interfaces import IAnnotations

ANNOTATION_KEY = "sirhp.badge.secret"
ENVIRONMENT_KEY = "SIRHP_BADGE_SECRET"
# The public check page (sirhp.policy.badges.verify): printed in QR codes.
VERIFY_VIEW = "@@carte"


def ensure_secret(portal=None):
    """Create the secret once (install, upgrade); never on a public request."""
    annotations = IAnnotations(portal or api.portal.get())
    if not annotations.get(ANNOTATION_KEY):
        annotations[ANNOTATION_KEY] = secrets.token_bytes(32)


def get_secret():
    """The secret: the environment's, else the site's (None before install)."""
    value = os.environ.get(ENVIRONMENT_KEY)
    if value:
        return value.encode("utf-8")
    return IAnnotations(api.portal.get()).get(ANNOTATION_KEY)


def verification_url(*, badge):
    """The URL in the QR code: the public page with the signed token.

    :param badge: a badge.
    :returns: ``<public address>/@@carte/<token>``; the public address is
        the setting ``public_url``, else the site's URL.
    """
    token = rules.sign(get_secret(), badge.verification_id)
    base = badge_setting("public_url") or api.portal.get().absolute_url()
    return f"{base.rstrip('/')}/{VERIFY_VIEW}/{token}"


def check_card(*, token=None, number=None, today=None):
    """What the public may know of a card, by token (QR code) or number.

    The same work is done for a genuine, a forged and an unknown token (one
    HMAC, one catalog query); only the snapshot taken at printing is read,
    never the personnel file.

    :param token: the token of the QR code, or
    :param number: the card number as typed.
    :param today: the day of the check (default: today).
    :returns: ``{"status": valid|expired|revoked|unknown}``, and for a valid
        card ``name``, ``grade``, ``agency``, ``expiry_date`` (a date) and
        ``photo`` (JPEG bytes or None).
    """
    today = today or date.today()
    if number is not None:
        number = rules.normalize_card_number(number)
        query = number if rules.is_valid_card_number(number) else "-"
        brain, badge = _find_badge(card_number=query)
    else:
        verification_id = rules.verify(get_secret() or b"", token or "")
        brain, badge = _find_badge(verification_id=verification_id or "-")
    if badge is None:
        return {"status": rules.UNKNOWN}
    status = rules.effective_status(brain.review_state, badge.expiry_date, today)
    result = {"status": status}
    if status == rules.VALID:
        result.update(
            {
                "name": getattr(badge, "holder_name", "") or "",
                "grade": getattr(badge, "holder_grade", "") or "",
                "agency": getattr(badge, "holder_agency", "") or "",
                "expiry_date": badge.expiry_date,
                "photo": getattr(badge, "holder_photo", None),
            }
        )
    return result


def _find_badge(**query):
    """The badge matching ``query`` (or None). Always one catalog query.

    Unrestricted on purpose: the caller is anonymous and the token (or the
    card number) is the authorization; only the snapshot fields leave.
    """
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Badge", **query)
    if len(brains) != 1:
        return None, None
    brain = brains[0]
    return brain, brain._unrestrictedGetObject()
