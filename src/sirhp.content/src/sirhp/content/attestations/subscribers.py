"""Events of official documents."""

from sirhp.content import _
from sirhp.content.attestations.api import AttestationError
from zExceptions import BadRequest

MSG_MADE_ELSEWHERE = _(
    "error_attestation_made_elsewhere",
    default="Une attestation se demande depuis « Mon dossier », le dossier "
    "ou par @attestations.",
)


def refuse_unchecked_request(document, event):
    """Only the API makes a request (``api.request_document``): the generic
    add form or a REST POST of the type would skip its checks."""
    if getattr(document, "requested_on", None) is None:
        raise BadRequest(AttestationError(MSG_MADE_ELSEWHERE).text())
