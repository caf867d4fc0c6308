"""Transitional: the names the change-request code still imports from here.

What a document file may be moved to ``sirhp.content.documents``: the one
check of an uploaded file is ``documents.pdf.check_document_file`` (and
``documents.pdf.normalise_file``, the same checks then the stored PDF);
refusals and names are ``documents.rules``. ``sirhp.content.content
.change_request`` (``attachment_file``, ``check_attachment``),
``sirhp.policy.changes.api`` and ``sirhp.policy.upgrades.v1007_changes``
import them here until change requests move to their own domain; delete
this module then. Nothing else may import it.
"""

from sirhp.content.documents.pdf import check_document_file as check_file
from sirhp.content.documents.pdf import normalise_file
from sirhp.content.documents.rules import DocumentError
from sirhp.content.documents.rules import MSG_UNKNOWN
from sirhp.content.documents.rules import pdf_filename

__all__ = [
    "DocumentError",
    "MSG_UNKNOWN",
    "check_file",
    "normalise_file",
    "pdf_filename",
]
