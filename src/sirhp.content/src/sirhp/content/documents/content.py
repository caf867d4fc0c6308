"""ScannedDocument (pièce): a scan or PDF filed into a personnel file.

Schema and class. The file field checks what is handed in (``field.py``);
the stored PDF and the text state are ``storage.py``; the scan metadata is
the behaviour ``sirhp.scan_metadata`` (``behaviors.py``). Moved from
``sirhp.content.content.scanned_document`` (``bbb.ALIASES``).
"""

from plone.dexterity.content import Item
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.content.base import SirhpContent
from sirhp.content.content.records import term_title
from sirhp.content.documents.field import ScannedFileField
from sirhp.content.interfaces import IScannedDocument
from zope import schema
from zope.i18n import translate
from zope.interface import implementer


class IScannedDocumentSchema(model.Schema):
    document_type = schema.Choice(
        title=_("label_document_type", default="Type de pièce"),
        vocabulary="sirhp.content.document_types",
        required=True,
    )
    file = ScannedFileField(
        title=_("label_document_file", default="Fichier (PDF ou image)"),
        description=_(
            "help_document_file",
            default="PDF, JPEG, PNG ou TIFF (plusieurs pages). Les images sont "
            "converties en un seul PDF.",
        ),
        required=True,
    )
    document_date = schema.Date(
        title=_("label_document_date", default="Date de la pièce"), required=False
    )
    reference = schema.TextLine(
        title=_("label_reference", default="Référence (n° de décision)"),
        required=False,
        max_length=120,
    )
    issuing_authority = schema.TextLine(
        title=_("label_issuing_authority", default="Autorité émettrice"),
        required=False,
        max_length=200,
    )


@implementer(IScannedDocument, IScannedDocumentSchema)
class ScannedDocument(SirhpContent, Item):
    """A filed document; its title is derived from its type and reference.

    The stored file is always a PDF (``sirhp.content.documents.storage``);
    its text is extracted by the text worker outside the request.
    """

    # Set by SIRHP, never by forms or REST (not schema fields).
    text_status = None  # "pending", "done", "failed"
    extracted_text = ""
    text_error = ""
    text_method = ""
    file_sha256 = None

    @property
    def title(self):
        label = translate(
            term_title("sirhp.content.document_types", self.document_type, self),
            target_language="fr",
        )
        details = [d for d in (self.reference, _date(self.document_date)) if d]
        return f"{label} — {', '.join(details)}" if details else label

    @title.setter
    def title(self, value):
        """Derived; a given title is ignored."""

    def Title(self):
        return self.title


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""
