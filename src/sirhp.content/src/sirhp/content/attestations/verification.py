"""Official documents: the PDF download and the public check.

The QR code of a document carries the URL of the public page
(``@@verifier-document``, in sirhp.policy) with a token: the document's UID
signed with the site's secret (the badges' secret and ``base.token_rules``
with the purpose ``attestation``: no badge or certificate token checks a
document, nor the reverse). The public answer holds the document's kind,
the holder's name, the date of issue and whether it is valid or revoked;
nothing else of the file.
"""

from AccessControl import Unauthorized
from plone import api
import re
from sirhp.content.attestations import api as attestation_api
from sirhp.content.attestations import rules
from sirhp.content.attestations.pdf import DocumentData
from sirhp.content.attestations.pdf import render_document
from sirhp.content.badges.content import badge_setting
from sirhp.content.badges.verification import get_secret
from sirhp.content.base import hooks
from sirhp.content.base import token_rules as tokens
from sirhp.content.careers import api as careers_api
from sirhp.content.content.records import parent_file
from sirhp.content.content.records import term_title
from zope.globalrequest import getRequest
from zope.i18n import translate

PURPOSE = "attestation"
TOKEN_RE = re.compile(r"^[0-9a-f]{32}\.[A-Za-z0-9_-]{16}$")
VERIFY_VIEW = "@@verifier-document"
DOWNLOAD = "download"  # the journal's action (a document leaves the server)
VALID = "valid"
REVOKED = "revoked"


def token_of(*, attestation):
    """The token of the document's QR code."""
    return tokens.sign(get_secret(), attestation.UID(), PURPOSE)


def verification_url(*, attestation):
    """``<public address>/@@verifier-document?t=<token>`` (the badges'
    ``public_url`` setting, else the site's address)."""
    base = badge_setting("public_url") or api.portal.get().absolute_url()
    return f"{base.rstrip('/')}/{VERIFY_VIEW}?t={token_of(attestation=attestation)}"


def check_document(*, token):
    """What the public may know of a document, by its token.

    Unrestricted on purpose: the caller is anonymous and the signed token is
    the authorization; only the kind, the holder's name and the date leave.

    :param token: the token of the QR code.
    :returns: None for an unknown or forged token or a document never
        issued, else {"kind", "title", "name", "date", "state"} (``valid``
        or ``revoked``).
    """
    payload = tokens.verify(
        get_secret() or b"", (token or "")[:200], TOKEN_RE, "0" * 32, PURPOSE
    )
    if payload is None:
        return None
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        UID=payload, portal_type="AttestationRequest"
    )
    if len(brains) != 1 or brains[0].review_state not in ("issued", "revoked"):
        return None
    document = brains[0]._unrestrictedGetObject()
    file = parent_file(document)
    return {
        "kind": document.kind,
        "title": rules.KIND_TITLES[document.kind],
        "name": file.full_name if file is not None else "",
        "date": document.issued_on,
        "state": REVOKED if brains[0].review_state == "revoked" else VALID,
    }


def _label(vocabulary, value, context):
    return translate(term_title(vocabulary, value, context), target_language="fr")


def document_data(attestation):
    """The contents of the document's PDF (the file's situation on the day
    of issue, the validated acts of an état des services)."""
    file = parent_file(attestation)
    agency = attestation_api.agency_of(attestation)
    acts = careers_api.all_acts(file=file)
    at = attestation.issued_on
    situation = careers_api.situation(file=file, at=at)
    holder = {
        "civility": rules.civility(file.sex),
        "name": file.full_name,
        "matricule": file.matricule or "",
        "grade": _label("sirhp.content.grades", situation.get("grade"), file),
        "unit": situation.get("unit_title") or "",
        "agency": agency.Title(),
        "since": rules.service_start(acts, file.hire_date),
    }
    lines = rules.record_lines(acts) if attestation.kind == rules.RECORD else []
    for line in lines:
        line["grade"] = _label("sirhp.content.grades", line["grade"], file)
    return DocumentData(
        agency=agency.Title(),
        kind=attestation.kind,
        number=attestation.number,
        issued_on=at,
        signer_name=attestation.signer_name,
        signer_title=attestation.signer_title,
        body=rules.body_lines(attestation.kind, holder),
        lines=lines,
        url=verification_url(attestation=attestation),
    )


def document_pdf(*, attestation):
    """The PDF of an issued document; journaled.

    :param attestation: an issued AttestationRequest.
    :returns: (filename, PDF bytes).
    :raises Unauthorized: neither its holder nor the agency's HR managers
        or administrators, or not issued (``sirhp: Download attestation``).
    """
    if not attestation_api.may_download(attestation=attestation):
        raise Unauthorized("attestation")
    data = document_data(attestation)
    hooks.journal(
        DOWNLOAD, obj=attestation, request=getRequest(), detail=attestation.number
    )
    return f"{attestation.kind}-{attestation.number}.pdf", render_document(data)
