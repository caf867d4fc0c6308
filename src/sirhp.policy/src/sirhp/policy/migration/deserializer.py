"""Deserializer of a migration import.

The everyday SIRHP deserializer refuses any key that is not a writable field
(no mass assignment over REST). An exported item carries metadata
(``@id``, ``UID``, ``parent``, ``review_state``, ``workflow_history``...)
that collective.exportimport reads itself: here, only the schema fields reach
plone.restapi; the rest is the importer's (workflow, history, dates, UID).
The import runs as Manager in a script, never over HTTP.
"""

from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from sirhp.content.serializers.deserializer import META_KEYS
from sirhp.policy.migration.interfaces import IMigrationImportLayer
from zope.component import adapter
from zope.interface import implementer
from zope.schema import getFieldNames


def field_names(obj):
    """Names of every schema and behaviour field of ``obj``."""
    names = set()
    for schema in iterSchemata(obj):
        names.update(getFieldNames(schema))
    return names


@implementer(IDeserializeFromJson)
@adapter(IDexterityContent, IMigrationImportLayer)
class ImportDeserializer(DeserializeFromJson):
    def __call__(
        self, validate_all=False, data=None, create=False, mask_validation_errors=True
    ):
        names = field_names(self.context) | META_KEYS
        fields = {key: value for key, value in (data or {}).items() if key in names}
        return super().__call__(
            validate_all=validate_all,
            data=fields,
            create=create,
            mask_validation_errors=False,
        )
