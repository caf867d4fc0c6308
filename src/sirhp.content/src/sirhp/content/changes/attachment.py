"""A change request's supporting scan: the checks of scanned documents.

One function checks every uploaded file, scanned documents' and requests'
alike (``sirhp.content.documents.api.check_document_file``): type from the bytes, active
or encrypted PDFs, pixel bombs...; images become one PDF without their
metadata (EXIF, GPS).
"""

from plone.namedfile.file import NamedBlobFile
from sirhp.content import _
from sirhp.content.changes.errors import ChangeError
from sirhp.content.changes.rules import ATTACHMENT_MAX_MB
from sirhp.content.documents.api import check_document_file
from sirhp.content.documents.api import DocumentError
from sirhp.content.documents.api import MSG_UNKNOWN
from sirhp.content.documents.api import normalise_file
from sirhp.content.documents.api import pdf_filename
from zope.i18nmessageid import Message

MSG_ATTACHMENT = _("error_change_attachment", default="Pièce justificative : ${reason}")


def attachment_file(filename, data):
    """The scan to store, checked and converted to PDF (a ``NamedBlobFile``).
    Raises ``DocumentError`` (French message)."""
    stored = normalise_file(data, ATTACHMENT_MAX_MB)
    return NamedBlobFile(
        data=stored.data,
        contentType=stored.content_type,
        filename=pdf_filename(filename, fallback="piece-justificative"),
    )


def check_attachment(obj):
    """Raise ``DocumentError`` unless the stored scan (if any) is a PDF that
    passes the checks (content made by code is checked too)."""
    attachment = getattr(obj, "attachment", None)
    if attachment is None:
        return
    checked = check_document_file(attachment.data, ATTACHMENT_MAX_MB)
    if checked.kind != "pdf" or attachment.contentType != "application/pdf":
        raise DocumentError(MSG_UNKNOWN)


def refusal(error):
    """The ``ChangeError`` of a refused scan: « Pièce justificative : ... »."""
    message = Message(MSG_ATTACHMENT, mapping={"reason": error.message})
    return ChangeError(message, field="attachment")


def checked_attachment(attachment):
    """(filename, bytes) -> the checked scan to store, or None.
    Raises ``ChangeError``."""
    if not attachment:
        return None
    filename, data = attachment
    try:
        return attachment_file(filename, data)
    except DocumentError as error:
        raise refusal(error) from None
