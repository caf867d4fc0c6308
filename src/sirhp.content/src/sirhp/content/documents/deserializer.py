"""REST deserializer of scanned documents: an empty file says so.

plone.restapi turns a file whose ``data`` is empty into "no value" (required
field missing); the clerk gets the same message as in the form instead.
"""

from plone.restapi.deserializer import json_body
from sirhp.content.documents.refusals import MSG_EMPTY
from sirhp.content.serializers.deserializer import SirhpDeserializer
from zExceptions import BadRequest


class ScannedDocumentDeserializer(SirhpDeserializer):
    def __call__(self, validate_all=False, data=None, create=False, **kwargs):
        if data is None:
            data = json_body(self.request)
        upload = data.get("file") if isinstance(data, dict) else None
        if isinstance(upload, dict) and "data" in upload and not upload["data"]:
            label = self.field_titles().get("file", "Fichier")
            raise BadRequest(f"Données refusées. {label} : {MSG_EMPTY}")
        return super().__call__(
            validate_all=validate_all, data=data, create=create, **kwargs
        )
