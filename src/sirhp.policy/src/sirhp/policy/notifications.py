"""E-mail notifications (requesters of change requests, password resets).

Mail goes through Plone's MailHost (queued until the transaction commits).
When ``SIRHP_MAIL_DIR`` is set (demo, tests: see README), each message is
written instead as an ``.eml`` file in that folder, after the commit: an
aborted transaction sends nothing.
"""

from email.message import EmailMessage
from email.utils import formatdate
from email.utils import make_msgid
import logging
import os
from pathlib import Path
from plone import api
import re
import transaction

logger = logging.getLogger("sirhp.policy.notifications")
MAIL_DIR_ENV = "SIRHP_MAIL_DIR"


def _header(text):
    """No line breaks in a header (header injection), bounded length."""
    return re.sub(r"[\r\n]+", " ", str(text))[:200]


def build(to, subject, body):
    message = EmailMessage()
    message["To"] = _header(to)
    message["From"] = _header(
        api.portal.get_registry_record("plone.email_from_address", default="")
        or "sirhp@localhost"
    )
    message["Subject"] = _header(subject)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="sirhp")
    message.set_content(body)
    return message


def send(to, subject, body):
    """Send (or write) one message; never raises (logged instead)."""
    if not to:
        logger.info("No e-mail address: notification %r not sent", subject)
        return None
    message = build(to, subject, body)
    folder = os.environ.get(MAIL_DIR_ENV)
    if folder:
        name = f"{message['Message-ID'].strip('<>').replace('@', '_')}.eml"

        def write(success):
            if success:
                Path(folder).mkdir(parents=True, exist_ok=True)
                (Path(folder) / name).write_bytes(bytes(message))

        transaction.get().addAfterCommitHook(write)
        return message
    mailhost = api.portal.get_tool("MailHost")

    def deliver(success):
        # After the commit: a mail server problem never undoes the decision.
        if not success:
            return
        try:
            mailhost.send(message, immediate=True)
        except Exception:
            logger.exception("Notification %r to %s not sent", subject, to)

    transaction.get().addAfterCommitHook(deliver)
    return message


def email_of(user_id):
    user = api.user.get(userid=user_id)
    return user.getProperty("email") if user is not None else None


def notify_decision(request, transition):
    """Tell the requester that the change request was approved or rejected."""
    requester = (request.listCreators() or (None,))[0]
    outcome = "approuvée" if transition == "approve" else "rejetée"
    portal_url = api.portal.get().absolute_url()
    lines = [
        "Bonjour,",
        "",
        f"Votre demande de modification concernant « {request.target_title} » "
        f"a été {outcome}.",
    ]
    if transition == "reject":
        lines += ["", f"Motif : {getattr(request, 'decision_comment', '') or '-'}"]
    lines += [
        "",
        f"Consultez votre dossier : {portal_url}/@@mon-dossier",
        f"La demande : {request.absolute_url()}",
        "",
        "SIRHP — ce message est envoyé automatiquement.",
    ]
    return send(
        email_of(requester),
        f"SIRHP : demande de modification {outcome}",
        "\n".join(lines),
    )
