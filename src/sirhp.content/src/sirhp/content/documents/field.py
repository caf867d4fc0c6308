"""The file field of ScannedDocument: every check runs in ``validate``.

Forms (z3c.form) and the REST API (plone.restapi's field deserializer) both
call ``field.validate``: one place refuses a disguised, empty, too big,
encrypted, active or bomb file before anything is stored. The message is
the error's ``doc()`` (translated), which both show. The checks themselves
are ``pdf.check_document_file``, with the site's size limit.
"""

from plone.namedfile.field import NamedBlobFile
from plone.registry.interfaces import IRegistry
from sirhp.content.documents.pdf import check_document_file
from sirhp.content.documents.refusals import DEFAULT_MAX_MB
from sirhp.content.documents.refusals import DocumentError
from zope.component import queryUtility
from zope.schema.interfaces import ValidationError

MAX_UPLOAD_RECORD = "sirhp.documents.max_upload_mb"


class InvalidDocumentFile(ValidationError):
    """Fichier refusé."""

    def __init__(self, error: DocumentError):
        super().__init__(error.message)
        self.error = error
        self.message = error.message

    def doc(self):
        return self.error.text()


def max_upload_mb() -> int:
    """The site's size limit of a document file, in MB (registry)."""
    registry = queryUtility(IRegistry)
    value = None
    if registry is not None:
        value = registry.get(MAX_UPLOAD_RECORD)
    return int(value or DEFAULT_MAX_MB)


def checked(data: bytes):
    """``check_document_file`` with the site's size limit, as a ValidationError."""
    try:
        return check_document_file(data, max_upload_mb())
    except DocumentError as error:
        raise InvalidDocumentFile(error) from None


class ScannedFileField(NamedBlobFile):
    """A NamedBlobFile that accepts only what SIRHP can file (see ``pdf``)."""

    def _validate(self, value):
        super()._validate(value)
        if value is not None:
            checked(value.data)
