"""Officer accounts (login = matricule): their life follows the file.

- When a file with status "active" is validated, its officer gets an account
  (random password, nobody knows it) in the group ``officers``; the records
  office sends a reset link (``@@reinitialiser-acces`` on the file).
- When the file is archived, the account is disabled: unknown password,
  out of the ``officers`` group, marked disabled (no reset link any more).
- An account created or reset by the records office must choose a new
  password at its first login (``@@change-password``) before anything else.

The "must change" and "disabled" marks are kept in the site's annotations
(sets of user ids), written only by staff actions and by the officer's own
password change.
"""

from BTrees.OOBTree import OOTreeSet
import logging
from plone import api
import secrets
from sirhp.policy import config
from sirhp.policy.login import links
from sirhp.policy.login.sessions import revoke as revoke_sessions
from sirhp.policy.notifications import send
from zExceptions import Redirect
from zope.annotation.interfaces import IAnnotations

logger = logging.getLogger("sirhp.policy.accounts")
MUST_CHANGE = "sirhp.accounts.must_change_password"
DISABLED = "sirhp.accounts.disabled"
# Pages a user who must change the password may still open.
ALLOWED_WHILE_FORCED = (
    "@@change-password",
    "change-password",
    "totp",  # the second factor comes first (login/totp_gate.py)
    "totp-verifier",
    "logout",
    "passwordreset",
    "mail_password",
    "login",
    "++plone++",
    "++resource++",
    "++webresource++",
    "++theme++",
    "@@ploneRegistry",
)


def _set(name, create=False):
    annotations = IAnnotations(api.portal.get())
    value = annotations.get(name)
    if value is None and create:
        value = annotations[name] = OOTreeSet()
    return value


def must_change_password(user_id):
    marks = _set(MUST_CHANGE)
    return bool(marks) and user_id in marks


def is_disabled(user_id):
    marks = _set(DISABLED)
    return bool(marks) and user_id in marks


def ensure_account(file):
    """The officer's account exists and is enabled (validation of the file)."""
    matricule = file.matricule
    if not matricule or getattr(file, "status", None) != "active":
        return None
    user = api.user.get(userid=matricule)
    with api.env.adopt_roles(["Manager"]):
        if user is None:
            email = file.email or f"{matricule.lower()}@agents.sirhp.invalid"
            user = api.user.create(
                username=matricule,
                email=email,
                password=secrets.token_urlsafe(24) + "9a",
                properties={"fullname": file.full_name},
            )
            _set(MUST_CHANGE, create=True).add(matricule)
            logger.info("Officer account %s created", matricule)
        elif is_disabled(matricule):
            _set(DISABLED).remove(matricule)
            _set(MUST_CHANGE, create=True).add(matricule)
            logger.info("Officer account %s enabled again", matricule)
        groups = [group.getId() for group in api.group.get_groups(user=user)]
        if config.OFFICERS_GROUP not in groups:
            api.group.add_user(groupname=config.OFFICERS_GROUP, username=matricule)
    return user


def disable_account(file):
    """The file is archived: its officer can no longer log in."""
    matricule = file.matricule
    user = api.user.get(userid=matricule) if matricule else None
    if user is None:
        return
    with api.env.adopt_roles(["Manager"]):
        acl_users = api.portal.get_tool("acl_users")
        acl_users.userSetPassword(matricule, secrets.token_urlsafe(32) + "9a")
        try:
            api.group.remove_user(groupname=config.OFFICERS_GROUP, username=matricule)
        except Exception:  # not in the group
            pass
    _set(DISABLED, create=True).add(matricule)
    # the sessions open before end now, and no reset link sent earlier works
    revoke_sessions(matricule)
    links.forget_pending_links(matricule)
    marks = _set(MUST_CHANGE)
    if marks is not None and matricule in marks:
        marks.remove(matricule)
    logger.info("Officer account %s disabled (file archived)", matricule)


def after_file_transition(file, event):
    if event.transition is None:
        return
    if event.transition.id == "validate":
        ensure_account(file)
    elif event.transition.id == "archive":
        disable_account(file)


def send_reset(file, request):
    """Send the officer a password reset link; returns the address used.

    The link is built from the portal's public address
    (``links.reset_url``); ``PublicUrlMissing`` when none is set.
    """
    matricule = file.matricule
    user = api.user.get(userid=matricule)
    if user is None or is_disabled(matricule):
        return None
    if links.public_url() is None:
        raise links.PublicUrlMissing()
    tool = api.portal.get_tool("portal_password_reset")
    reset = tool.requestReset(matricule)
    link = links.reset_url(reset["randomstring"], matricule)
    _set(MUST_CHANGE, create=True).add(matricule)
    address = user.getProperty("email")
    send(
        address,
        "SIRHP : choisissez votre mot de passe",
        "\n".join(
            [
                "Bonjour,",
                "",
                "Le bureau des archives vous donne accès à votre dossier dans SIRHP.",
                f"Votre identifiant est votre matricule : {matricule}",
                "Choisissez votre mot de passe (lien valable "
                f"{links.link_hours()} heures) :",
                link,
                "",
                "SIRHP — ce message est envoyé automatiquement.",
            ]
        ),
    )
    return address


def password_changed(event):
    """The officer chose a password (own change or reset link)."""
    principal = getattr(event, "principal", None)
    user_id = principal.getId() if principal is not None else None
    current = api.user.get_current()
    if user_id is None or (not api.user.is_anonymous() and current.getId() != user_id):
        return  # set by staff or by the system: the mark stays
    marks = _set(MUST_CHANGE)
    if marks is not None and user_id in marks:
        marks.remove(user_id)


def force_password_change(event):
    """First login after creation or reset: the password page first."""
    request = event.request
    if request.get("REQUEST_METHOD", "GET") != "GET":
        return
    if "application/json" in (request.get_header("Accept") or ""):
        return
    try:
        if api.user.is_anonymous():
            return
        user_id = api.user.get_current().getId()
    except Exception:
        return
    if not must_change_password(user_id):
        return
    path = request.get("PATH_INFO", "")
    if any(part in path for part in ALLOWED_WHILE_FORCED):
        return
    raise Redirect(f"{api.portal.get().absolute_url()}/@@change-password")
