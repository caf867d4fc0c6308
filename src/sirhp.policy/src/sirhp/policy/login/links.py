"""Password reset links: built only from the portal's public address.

The link in a mail is ``<public address>/passwordreset/<token>``: the public
address is the registry record ``sirhp.badge.public_url`` (the one printed
in the badges' QR codes), never the request's ``Host`` header, which anybody
sending the request chooses. Without that record no link is sent
(``PublicUrlMissing``): a link to a forged host hands the account to whoever
owns that host. A link is valid ``RESET_LINK_DAYS`` (1 day: 24 hours,
Plone's default was 7 days).

Below the account, session and reset modules of the login feature: each of
them uses these links, none of them is needed here.
"""

from plone import api
from sirhp.content.base.errors import SirhpError
from sirhp.policy import _
from sirhp.policy import logger
from urllib.parse import quote

PUBLIC_URL_RECORD = "sirhp.badge.public_url"
RESET_LINK_DAYS = 1
RESET_VIEW = "passwordreset"


MESSAGE_PUBLIC_URL_MISSING = _(
    "error_public_url_missing",
    default="Adresse publique du portail non configurée (sirhp.badge.public_url) : "
    "aucun lien de réinitialisation n'est envoyé.",
)


class PublicUrlMissing(SirhpError):
    """``sirhp.badge.public_url`` is not set: no reset link can be built
    (a REST service answers 400 with the message)."""

    def __init__(self):
        super().__init__(MESSAGE_PUBLIC_URL_MISSING)


def public_url():
    """The configured public address of the portal, or None."""
    value = api.portal.get_registry_record(PUBLIC_URL_RECORD, default="") or ""
    value = value.strip().rstrip("/")
    return value or None


def reset_url(randomstring, login=None):
    """The link of the reset token ``randomstring`` (``PublicUrlMissing``
    without a public address)."""
    base = public_url()
    if base is None:
        raise PublicUrlMissing()
    url = f"{base}/{RESET_VIEW}/{quote(randomstring, safe='')}"
    if login:
        url += f"?userid={quote(login, safe='')}"
    return url


def link_hours():
    """How long a link is valid, in hours (for the mails)."""
    tool = api.portal.get_tool("portal_password_reset")
    return int(round(float(tool.getExpirationTimeout() or 0) * 24))


def configure_reset_tool(portal=None):
    """Reset links valid ``RESET_LINK_DAYS`` (idempotent)."""
    portal = portal or api.portal.get()
    tool = portal.portal_password_reset
    if tool.getExpirationTimeout() != RESET_LINK_DAYS:
        tool._timedelta = RESET_LINK_DAYS  # setExpirationTimeout needs ManagePortal
        logger.info("Password reset links valid %s day(s)", RESET_LINK_DAYS)


def forget_pending_links(user_id):
    """Remove the user's reset links not used yet (account disabled)."""
    tool = api.portal.get_tool("portal_password_reset")
    requests = getattr(tool, "_requests", None) or {}
    stale = [key for key, (owner, _expiry) in requests.items() if owner == user_id]
    for key in stale:
        del requests[key]
    if stale:
        tool._p_changed = True
