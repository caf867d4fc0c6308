"""Request markers of a migration run."""

from zope.interface import Interface


class IMigrationImportLayer(Interface):
    """The request of a migration import: SIRHP types are deserialized by
    ``deserializer.ImportDeserializer`` (the exported metadata keys are not
    fields: the everyday deserializer refuses them, and would refuse every
    item)."""
