"""Plone's generic catalog values of a personnel file, its fields found
once per type.

Three of Plone's indexers, written for any Dexterity content, look at every
field of every schema of the object each time: ``getObjSize`` (the sum of
the values that have a size: ``zope.size.DefaultSized`` over the object's
``getSize``), ``image_scales`` (the fields an image-scales adapter serves:
``Products.CMFPlone.image_scales``) and ``mime_type`` (how many primary
fields: ``plone.dexterity.filerepresentation.DefaultReadFile``). The fields
that matter depend on the type's schemas only; they are found on the first
file with those schemas (and the same interfaces of its own, as a versioned
file's ``IVersioned``) and only they are read for the others — the legacy
import catalogues thousands of files at once.

A file whose size, image scales or MIME type another adapter or method
than Plone's default gives takes Plone's indexer.
``tests/content/test_fields_of_type.py`` compares the values with Plone's,
for files with and without a photo.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from persistent.mapping import PersistentMapping
from plone.app.contenttypes.indexers import mime_type as plone_mime_type
from plone.base.interfaces import IImageScalesAdapter
from plone.base.interfaces import IImageScalesFieldAdapter
from plone.dexterity.content import DexterityContent
from plone.dexterity.filerepresentation import DefaultReadFile
from plone.dexterity.schema import SCHEMA_CACHE
from plone.dexterity.utils import iterSchemata
from plone.indexer import indexer
from plone.namedfile.interfaces import INamedField
from plone.rfc822.interfaces import IPrimaryField
from Products.CMFPlone.CatalogTool import getObjSize as plone_getObjSize
from Products.CMFPlone.image_scales.adapters import ImageScales
from Products.CMFPlone.image_scales.indexer import image_scales as plone_image_scales
from Products.CMFPlone.utils import human_readable_size
from sirhp.content.interfaces import IPersonnelFile
from zope.component import getSiteManager
from zope.component import queryMultiAdapter
from zope.filerepresentation.interfaces import IRawReadFile
from zope.globalrequest import getRequest
from zope.interface import directlyProvidedBy
from zope.interface import providedBy
from zope.schema import getFields
from zope.schema import getFieldsInOrder
from zope.size import DefaultSized
from zope.size.interfaces import ISized

_FOUND = {}  # {(a type's schemas, the object's own interfaces): _Fields}


class _Fields:
    """What the three indexers need of a type's schemas."""

    def __init__(self, obj):
        lookup = getSiteManager().adapters.lookup
        on = providedBy(obj)
        request = providedBy(getRequest())
        self.sized = []  # (schema, name): values that may have a size
        self.images = []  # (name, field): fields an image-scales adapter serves
        primary = 0
        for schema in iterSchemata(obj):
            for name, field in getFieldsInOrder(schema):
                if INamedField.providedBy(field):
                    self.sized.append((schema, name))
                if IPrimaryField.providedBy(field):
                    primary += 1
            for name, field in getFields(schema).items():
                found = lookup(
                    (providedBy(field), on, request), IImageScalesFieldAdapter
                )
                if found is not None:
                    self.images.append((name, field))
        self.mime_type = "message/rfc822" if primary > 1 else "text/plain"
        kind = type(aq_base(obj))
        # Plone's ways, not one of the type's own
        self.default_size = (
            lookup((on,), ISized) is DefaultSized
            and kind.get_size is DexterityContent.get_size
            and kind.getSize is DexterityContent.getSize
        )
        self.default_read = (
            lookup((on,), IRawReadFile) is DefaultReadFile
            and kind.content_type is DexterityContent.content_type
        )
        self.default_images = lookup((on, request), IImageScalesAdapter) is ImageScales


def _fields(obj):
    """The ``_Fields`` of the object's type and its own interfaces (a
    versioned file's ``IVersioned``): found once for each such pair."""
    base = aq_base(obj)
    key = (
        SCHEMA_CACHE.schema_interfaces(base.portal_type),
        tuple(directlyProvidedBy(base)),
    )
    found = _FOUND.get(key)
    if found is None:
        if len(_FOUND) > 64:  # types changed many times: start again
            _FOUND.clear()
        found = _FOUND[key] = _Fields(obj)
    return found


@indexer(IPersonnelFile)
def getObjSize(obj):
    fields = _fields(obj)
    if not fields.default_size:
        return plone_getObjSize(obj)()
    size = 0
    for schema, name in fields.sized:
        value = getattr(schema(obj), name, None)
        if hasattr(value, "getSize"):
            size += value.getSize()
    return human_readable_size(size)


@indexer(IPersonnelFile)
def image_scales(obj):
    fields = _fields(obj)
    if not fields.default_images:
        return plone_image_scales(obj)()
    request = getRequest()
    context = aq_inner(obj)
    scales = {}
    for name, field in fields.images:
        adapter = queryMultiAdapter((field, context, request), IImageScalesFieldAdapter)
        found = adapter() if adapter is not None else None
        if found:
            scales[name] = found
    if not scales:
        raise AttributeError("image_scales")  # as Plone's: no entry
    return PersistentMapping(scales)


@indexer(IPersonnelFile)
def mime_type(obj):
    fields = _fields(obj)
    if not fields.default_read:
        return plone_mime_type(obj)()
    return fields.mime_type
