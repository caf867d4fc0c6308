"""Password reset links: built from the portal's public address, asked for
without telling whether an account exists.

- The link in the mail is ``<public address>/passwordreset/<token>``: the
  public address is the registry record ``sirhp.badge.public_url`` (the one
  printed in the badges' QR codes), never the request's ``Host`` header,
  which anybody sending the request chooses. Without that record no link is
  sent (``PublicUrlMissing``): a link to a forged host hands the account to
  whoever owns that host.
- ``mail_password`` (the "forgotten password" form) answers the same page,
  status and text for an existing account, an unknown id, an account without
  e-mail or a disabled one; the mail goes only to the first.
- Plone's own mails with a reset link (``@users/<id>/reset-password``, the
  users control panel) use the same address (``ResetToolView``).
- A link is valid ``RESET_LINK_DAYS`` (1 day: 24 hours, Plone's default was
  7 days); ``configure_reset_tool`` sets it (install, upgrade).
"""

from AccessControl import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
import os
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi import _ as RESTAPI_
from plone.restapi.services.users.add import UsersPost as BaseUsersPost
from Products.CMFCore.permissions import SetOwnPassword
from Products.CMFPlone.browser import login as plone_login
from Products.CMFPlone.browser.login.password_reset import PasswordResetToolView
from Products.CMFPlone.RegistrationTool import get_member_by_login_name
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from sirhp.policy import _
from sirhp.policy import logger
from urllib.parse import quote
from ZODB.POSException import ConflictError
from zope.i18n import translate
from zope.interface import alsoProvides

PUBLIC_URL_RECORD = "sirhp.badge.public_url"
RESET_LINK_DAYS = 1
RESET_VIEW = "passwordreset"


MESSAGE_PUBLIC_URL_MISSING = _(
    "error_public_url_missing",
    default="Adresse publique du portail non configurée (sirhp.badge.public_url) : "
    "aucun lien de réinitialisation n'est envoyé.",
)


class PublicUrlMissing(ValueError):
    """``sirhp.badge.public_url`` is not set: no reset link can be built."""

    def __init__(self):
        super().__init__(translate(MESSAGE_PUBLIC_URL_MISSING, target_language="fr"))


def public_url():
    """The configured public address of the portal, or None."""
    value = api.portal.get_registry_record(PUBLIC_URL_RECORD, default="") or ""
    value = value.strip().rstrip("/")
    return value or None


def reset_url(randomstring, login=None):
    base = public_url()
    if base is None:
        raise PublicUrlMissing()
    url = f"{base}/{RESET_VIEW}/{quote(randomstring, safe='')}"
    if login:
        url += f"?userid={quote(login, safe='')}"
    return url


def link_hours():
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


def reset_mail_text(login, link):
    """The mail's body (French, like every SIRHP notification)."""
    return "\n".join(
        [
            "Bonjour,",
            "",
            "Une réinitialisation du mot de passe de votre compte SIRHP a été "
            "demandée.",
            f"Votre identifiant : {login}",
            f"Choisissez un nouveau mot de passe (lien valable {link_hours()} "
            "heures) :",
            link,
            "",
            "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : "
            "votre mot de passe reste inchangé.",
            "",
            "SIRHP — ce message est envoyé automatiquement.",
        ]
    )


def _may_set_own_password(user):
    portal = api.portal.get()
    previous = getSecurityManager()
    try:
        newSecurityManager(None, user)
        return bool(getSecurityManager().checkPermission(SetOwnPassword, portal))
    finally:
        setSecurityManager(previous)


def request_reset(login):
    """Mail a reset link to the account ``login`` if it may receive one.

    Returns True when a mail was queued. Never raises for an unknown,
    disabled or mail-less account: the caller answers the same either way.
    """
    from sirhp.policy.accounts import is_disabled
    from sirhp.policy.notifications import send

    if not isinstance(login, str) or not login.strip():
        return False
    login = login.strip()
    portal = api.portal.get()
    member = get_member_by_login_name(portal, login, raise_exceptions=False)
    if member is None:
        return False
    user_id = member.getId()
    address = member.getProperty("email") or ""
    if is_disabled(user_id) or not address:
        return False
    acl_users = api.portal.get_tool("acl_users")
    user = acl_users.getUserById(user_id)
    if user is None or not _may_set_own_password(user.__of__(acl_users)):
        return False
    if public_url() is None:
        logger.error("Password reset for %s not sent: %s", login, PublicUrlMissing())
        return False
    tool = api.portal.get_tool("portal_password_reset")
    reset = tool.requestReset(user_id)
    if not reset:
        return False
    send(
        address,
        "SIRHP : réinitialisation du mot de passe",
        reset_mail_text(login, reset_url(reset["randomstring"], login)),
    )
    return True


class MailPasswordView(BrowserView):
    """``mail_password``: the same answer whatever the id (no enumeration)."""

    response_template = ViewPageTemplateFile("templates/mail_password_response.pt")

    def __call__(self):
        if self.request.get("REQUEST_METHOD", "GET").upper() != "POST":
            return self.request.response.redirect(
                f"{api.portal.get().absolute_url()}/mail_password_form"
            )
        # The only write is a reset token mailed to the account's owner: a
        # forged request cannot use it.
        alsoProvides(self.request, IDisableCSRFProtection)
        login = self.request.form.get("userid", "")
        try:
            request_reset(login)
        except ConflictError:
            raise
        except Exception:  # the answer must not differ (mail server, ...)
            logger.exception("Password reset request failed")
        return self.response_template()

    def hours(self):
        return link_hours()


_PLONE_TEMPLATES = os.path.join(os.path.dirname(plone_login.__file__), "templates")


class ResetToolView(PasswordResetToolView):
    """Plone's reset mails (``@users``, users control panel): the link is
    built from the public address, not from the request's host."""

    index = ViewPageTemplateFile(
        os.path.join(_PLONE_TEMPLATES, "mail_password_template.pt")
    )

    def __call__(self, *args, **kwargs):
        return self.index(*args, **kwargs)

    def construct_url(self, randomstring):
        return reset_url(randomstring)


class RegisteredNotifyView(ResetToolView):
    index = ViewPageTemplateFile(
        os.path.join(_PLONE_TEMPLATES, "registered_notify_template.pt")
    )


class UsersPost(BaseUsersPost):
    """``POST @users/<id>/reset-password`` answers alike for every id to
    whoever may not manage users (the reset mail goes through
    ``request_reset``); administrators keep plone.restapi's answers."""

    def update_password(self, data):
        if self.can_manage_users:
            try:
                return super().update_password(data)
            except PublicUrlMissing:
                return self._refuse(400, "BadRequest", MESSAGE_PUBLIC_URL_MISSING)
        username = self.params[0]
        if not data:
            request_reset(username)
            return self.reply_no_content()
        if self._get_user_by_login_name(username) is None:
            if data.get("reset_token"):
                return self._error(
                    403,
                    "Unknown Token",
                    RESTAPI_("The reset_token is unknown/not valid."),
                )
            if data.get("old_password"):
                return self._error(
                    403,
                    "Wrong user",
                    RESTAPI_(
                        "You need to be logged in as the user '${username}' to set "
                        "the password.",
                        mapping={"username": username},
                    ),
                )
        return super().update_password(data)

    def _refuse(self, status, type_, message):
        self.request.response.setStatus(status)
        return {"type": type_, "message": translate(message, context=self.request)}
