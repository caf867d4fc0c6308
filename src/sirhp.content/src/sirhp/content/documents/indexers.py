"""Catalog indexers of scanned documents: extracted text, text status."""

from plone.indexer import indexer
from sirhp.content.interfaces import IScannedDocument


@indexer(IScannedDocument)
def document_searchable_text(obj):
    """Title, reference, authority and the extracted text (OCR or PDF).

    Only in the document's own catalog entry: whoever may not View the
    document (restricted types) does not find it by its text.
    """
    parts = [
        obj.Title(),
        getattr(obj, "reference", None),
        getattr(obj, "issuing_authority", None),
        getattr(obj, "extracted_text", None),
    ]
    return " ".join(part for part in parts if part)


@indexer(IScannedDocument)
def document_text_status(obj):
    return getattr(obj, "text_status", None)
