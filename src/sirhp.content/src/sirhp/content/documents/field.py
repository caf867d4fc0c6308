"""The file field of ScannedDocument: every check runs in ``validate``.

Forms (z3c.form) and the REST API (plone.restapi's field deserializer) both
call ``field.validate``: one place refuses a disguised, empty, too big,
encrypted, active or bomb file before anything is stored. The French message
is the error's ``doc()``, which both show.
"""

from plone.namedfile.field import NamedBlobFile
from sirhp.content.domain.document_file import check_file
from sirhp.content.domain.document_file import DEFAULT_MAX_MB
from sirhp.content.domain.document_file import DocumentError
from zope.schema.interfaces import ValidationError


class InvalidDocumentFile(ValidationError):
    """Fichier refusé."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def doc(self):
        return self.message


def max_upload_mb() -> int:
    from plone.registry.interfaces import IRegistry
    from zope.component import queryUtility

    registry = queryUtility(IRegistry)
    value = None
    if registry is not None:
        value = registry.get("sirhp.documents.max_upload_mb")
    return int(value or DEFAULT_MAX_MB)


def checked(data: bytes):
    """``check_file`` with the site's size limit, as a ValidationError."""
    try:
        return check_file(data, max_upload_mb())
    except DocumentError as error:
        raise InvalidDocumentFile(error.message) from None


class ScannedFileField(NamedBlobFile):
    """A NamedBlobFile that accepts only what SIRHP can file (see domain)."""

    def _validate(self, value):
        super()._validate(value)
        if value is not None:
            checked(value.data)
