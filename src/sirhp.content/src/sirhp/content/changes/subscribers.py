"""Events of change requests."""

from sirhp.content import _
from sirhp.content.changes.attachment import check_attachment
from sirhp.content.changes.attachment import refusal
from sirhp.content.changes.errors import ChangeError
from sirhp.content.documents.api import DocumentError
from zExceptions import BadRequest

MSG_MADE_ELSEWHERE = _(
    "error_change_made_elsewhere",
    default="Une demande de modification se fait depuis le dossier (Modifier) ou "
    "« Mon dossier » (Signaler une inexactitude), ou par @change-requests.",
)


def refuse_empty_request(change, event):
    """A ChangeRequest is only made by the API (``api.propose``: pages,
    REST): the generic add form or a REST POST of the type would make one
    without target or values. The scan is checked again: code that sets
    another one is refused (an active PDF would be shown to reviewers)."""
    if not getattr(change, "target_uid", None) or not getattr(change, "proposed", None):
        raise BadRequest(ChangeError(MSG_MADE_ELSEWHERE).text())
    try:
        check_attachment(change)
    except DocumentError as error:
        raise BadRequest(refusal(error).text()) from None
