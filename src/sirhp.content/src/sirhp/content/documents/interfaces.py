"""Settings of scanned documents (registry prefix ``sirhp.documents``)."""

from sirhp.content import _
from zope import schema
from zope.interface import Interface


class IDocumentSettings(Interface):
    max_upload_mb = schema.Int(
        title=_(
            "label_documents_max_upload", default="Taille maximale d'un fichier (Mo)"
        ),
        description=_(
            "help_documents_max_upload",
            default="Les fichiers plus gros sont refusés (pièces et classement par lot).",
        ),
        min=1,
        max=1024,
        default=50,
        required=True,
    )
