"""What is stored for a scanned document, and its extracted text.

``prepare_document`` (added / modified) turns the accepted file into the PDF
SIRHP keeps (images converted, one PDF), counts its pages, fills the scan
metadata and queues the text extraction (``text_status = "pending"``). It
checks the bytes again (``pdf.normalise_file``: the same checks as the
field): content created by code without the form or REST validation is
refused too (the exception aborts the transaction).

The text itself is set by the text worker through ``set_text`` /
``set_failure``; it is indexed in ``SearchableText`` of the document only,
so the catalog's security (``allowedRolesAndUsers``, from View) applies.
"""

from AccessControl import getSecurityManager
from datetime import date
import hashlib
from plone.namedfile.file import NamedBlobFile
from sirhp.content.documents.field import max_upload_mb
from sirhp.content.documents.pdf import normalise_file
from sirhp.content.documents.refusals import pdf_filename

PENDING = "pending"
DONE = "done"
FAILED = "failed"
TEXT_INDEXES = ["text_status", "SearchableText"]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def prepare_document(obj, event=None):
    """Store the checked PDF and queue its text when the file is new."""
    file = getattr(obj, "file", None)
    if file is None:
        return
    data = file.data
    if getattr(obj, "file_sha256", None) == sha256(data):
        return  # same file (edit of other fields, copy, move)
    stored = normalise_file(data, max_upload_mb())
    name = pdf_filename(file.filename)
    if stored.source_kind != "pdf" or file.contentType != stored.content_type:
        obj.file = NamedBlobFile(
            data=stored.data, contentType=stored.content_type, filename=name
        )
    elif file.filename != name:
        file.filename = name
    obj.file_sha256 = sha256(stored.data)
    obj.page_count = stored.pages
    if not getattr(obj, "scan_date", None):
        obj.scan_date = date.today()
    if not getattr(obj, "scan_operator", None):
        obj.scan_operator = _current_user_id()
    if not getattr(obj, "scan_source", None):
        obj.scan_source = "upload"
    mark_pending(obj)


def take_lease(obj, lease):
    """The worker holding the text job (``rules.new_lease``); a plain
    attribute of this document, not indexed: claiming writes one object."""
    obj.text_lease = lease


def mark_pending(obj):
    """Queue (or re-queue, after a failure) the text extraction."""
    obj.text_lease = None
    obj.text_status = PENDING
    obj.text_error = ""
    obj.extracted_text = ""
    obj.text_method = ""
    obj.reindexObject(idxs=TEXT_INDEXES)


def set_text(obj, text: str, method: str):
    obj.text_lease = None
    obj.extracted_text = text or ""
    obj.text_method = method or ""
    obj.text_error = ""
    obj.text_status = DONE
    obj.reindexObject(idxs=TEXT_INDEXES)


def set_failure(obj, message: str):
    obj.text_lease = None
    obj.text_status = FAILED
    obj.text_error = (message or "Erreur inconnue.")[:500]
    obj.reindexObject(idxs=["text_status"])


def _current_user_id():
    user = getSecurityManager().getUser()
    return user.getId() if user is not None else None
