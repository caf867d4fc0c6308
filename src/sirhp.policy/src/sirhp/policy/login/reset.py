"""Password reset asked for without telling whether an account exists.

- ``mail_password`` (the "forgotten password" form) answers the same page,
  status and text for an existing account, an unknown id, an account without
  e-mail or a disabled one; the mail goes only to the first.
- Plone's own mails with a reset link (``@users/<id>/reset-password``, the
  users control panel) use the public address too (``ResetToolView``).
- The links themselves (public address only, 24 hours): ``links.py``;
  ``@users/<id>/reset-password``: ``services/users``.
"""

from AccessControl import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
import os
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from Products.CMFCore.permissions import SetOwnPassword
from Products.CMFPlone.browser import login as plone_login
from Products.CMFPlone.browser.login.password_reset import PasswordResetToolView
from Products.CMFPlone.RegistrationTool import get_member_by_login_name
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from sirhp.policy import logger
from sirhp.policy.login.accounts import is_disabled
from sirhp.policy.login.links import link_hours
from sirhp.policy.login.links import MESSAGE_PUBLIC_URL_MISSING
from sirhp.policy.login.links import public_url
from sirhp.policy.login.links import reset_url
from sirhp.policy.notifications import send
from ZODB.POSException import ConflictError
from zope.i18n import translate
from zope.interface import alsoProvides


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
        logger.error(
            "Password reset for %s not sent: %s",
            login,
            translate(MESSAGE_PUBLIC_URL_MISSING, target_language="fr"),
        )
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
