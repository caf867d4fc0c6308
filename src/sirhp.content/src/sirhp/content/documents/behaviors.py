"""Scan metadata behaviour (``sirhp.scan_metadata``) of scanned documents.

Schema only: the values are attributes of the document. ``page_count`` is
set by SIRHP from the stored PDF; the batch filing fills the others.
"""

from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from sirhp.content import _
from zope import schema
from zope.interface import provider
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

SOURCES = SimpleVocabulary(
    [
        SimpleTerm(
            "upload", "upload", _("scan_source_upload", default="Téléversement")
        ),
        SimpleTerm(
            "batch", "batch", _("scan_source_batch", default="Classement par lot")
        ),
        SimpleTerm(
            "scanner", "scanner", _("scan_source_scanner", default="Numériseur")
        ),
        SimpleTerm(
            "import", "import", _("scan_source_import", default="Reprise de données")
        ),
    ]
)


@provider(IFormFieldProvider)
class IScanMetadata(model.Schema):
    model.fieldset(
        "scan",
        label=_("fieldset_scan", default="Numérisation"),
        fields=["scan_date", "scan_operator", "page_count", "batch_id", "scan_source"],
    )
    scan_date = schema.Date(
        title=_("label_scan_date", default="Date de numérisation"), required=False
    )
    scan_operator = schema.TextLine(
        title=_("label_scan_operator", default="Opérateur"),
        required=False,
        max_length=100,
    )
    page_count = schema.Int(
        title=_("label_page_count", default="Nombre de pages"),
        required=False,
        readonly=True,
    )
    batch_id = schema.TextLine(
        title=_("label_batch_id", default="Lot"), required=False, max_length=60
    )
    directives.mode(batch_id="display")
    scan_source = schema.Choice(
        title=_("label_scan_source", default="Origine"),
        vocabulary=SOURCES,
        required=False,
        default="upload",
    )
