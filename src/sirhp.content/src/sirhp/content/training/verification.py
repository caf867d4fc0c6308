"""Training certificates: who may download one, the PDF, and the public check.

The QR code of a certificate carries the URL of the public page
(``@@verifier-attestation``, in sirhp.policy) with a token: the session's
and the file's UIDs signed with the site's secret (the badges' secret and
``base.token_rules``, with a purpose of its own: a badge token never checks a
certificate, nor the reverse). The public answer holds the officer's name,
the course, the date passed and the state (valid / expiring / expired),
nothing else of the file.
"""

from AccessControl import Unauthorized
from plone import api
import re
from sirhp.content import _
from sirhp.content.badges.content import badge_setting
from sirhp.content.badges.verification import get_secret
from sirhp.content.base import hooks
from sirhp.content.base import token_rules as tokens
from sirhp.content.changes.api import own_file
from sirhp.content.permissions import AddTrainingSession
from sirhp.content.training import rules
from sirhp.content.training.api import _file
from sirhp.content.training.api import agency_of
from sirhp.content.training.api import course_of
from sirhp.content.training.api import TrainingError
from sirhp.content.training.certificate import CertificateData
from sirhp.content.training.certificate import render_certificate
from zope.globalrequest import getRequest

PURPOSE = "attestation:"
TOKEN_RE = re.compile(r"^[0-9a-f]{64}\.[A-Za-z0-9_-]{16}$")
# The public check page (sirhp.policy.training.verify): printed in QR codes.
VERIFY_VIEW = "@@verifier-attestation"

# The journal's "download" action (sirhp.policy.audit.journal.DOWNLOAD): a
# certificate leaves the server, like a scanned document's file.
DOWNLOAD = "download"

MSG_NO_CERTIFICATE = _(
    "error_training_no_certificate",
    default="Pas d'attestation pour cet agent dans cette session.",
)


def token_of(*, session, file):
    """The token of the certificate of ``file`` for ``session``."""
    return tokens.sign(get_secret(), session.UID() + file.UID(), PURPOSE)


def verification_url(*, session, file):
    """The URL in the QR code: ``<public address>/@@verifier-attestation?t=``;
    the public address is the badges' ``public_url`` setting, else the site's.
    """
    base = badge_setting("public_url") or api.portal.get().absolute_url()
    return f"{base.rstrip('/')}/{VERIFY_VIEW}?t={token_of(session=session, file=file)}"


def _by_uid(uid, portal_type):
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        UID=uid, portal_type=portal_type
    )
    return brains[0]._unrestrictedGetObject() if len(brains) == 1 else None


def check_certificate(*, token, today):
    """What the public may know of a certificate, by its token.

    Unrestricted on purpose: the caller is anonymous and the signed token is
    the authorization; only the name, course, date and state leave.

    :param token: the token of the QR code.
    :param today: the day of the check.
    :returns: None for an unknown or forged token, else {"name", "course",
        "date", "expiry", "state"} (``rules.certificate_state``).
    """
    payload = tokens.verify(
        get_secret() or b"", (token or "")[:200], TOKEN_RE, "0" * 64, PURPOSE
    )
    if payload is None:
        return None
    session = _by_uid(payload[:32], "TrainingSession")
    file = _by_uid(payload[32:], "PersonnelFile")
    if session is None or file is None:
        return None
    if file.UID() not in (session.certificates or {}):
        return None
    expiry = session.certificates[file.UID()]
    return {
        "name": file.full_name,
        "course": course_of(session).title,
        "date": session.end,
        "expiry": expiry,
        "state": rules.certificate_state(expiry, today),
    }


def may_download(*, session, file):
    """The officer of ``file`` himself, or the session's managers (who may
    plan sessions in its agency: its HR managers)."""
    mine = own_file()
    if mine is not None and mine.UID() == file.UID():
        return True
    return bool(api.user.has_permission(AddTrainingSession, obj=agency_of(session)))


def certificate_pdf(*, session, file):
    """The certificate PDF of ``file`` for ``session``; journaled.

    :param session: a closed TrainingSession (or its id in the file's agency).
    :param file: a personnel file.
    :returns: (filename, PDF bytes).
    :raises Unauthorized: neither the officer nor a manager of the session.
    :raises TrainingError: no certificate for this officer in the session.
    """
    if isinstance(session, str):
        found = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            portal_type="TrainingSession",
            getId=session,
            path="/".join(agency_of(file).getPhysicalPath()),
        )
        session = found[0]._unrestrictedGetObject() if len(found) == 1 else None
    if session is None:
        raise TrainingError(MSG_NO_CERTIFICATE, "session")
    file = _file(session, file)
    if not may_download(session=session, file=file):
        raise Unauthorized("certificate")
    if file.UID() not in (session.certificates or {}):
        raise TrainingError(MSG_NO_CERTIFICATE, "session")
    course = course_of(session)
    data = CertificateData(
        agency=agency_of(session).Title(),
        name=file.full_name,
        matricule=file.matricule or "",
        course=course.title,
        code=course.code,
        hours=course.hours,
        start=session.start,
        end=session.end,
        expiry=session.certificates[file.UID()],
        url=verification_url(session=session, file=file),
    )
    hooks.journal(
        DOWNLOAD,
        obj=file,
        request=getRequest(),
        detail=f"attestation {session.getId()}",
    )
    return f"attestation-{session.getId()}-{file.matricule}.pdf", render_certificate(
        data
    )
