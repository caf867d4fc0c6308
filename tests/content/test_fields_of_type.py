"""A personnel file's ``getObjSize``, ``image_scales`` and ``mime_type``
(``indexers/fields_of_type.py``: the fields found once per type) are
Plone's, with and without a photo; a file with an interface of its own
takes Plone's indexers. The unit a file's entry asks for four times is
looked up once (``base/targets.py``)."""

from plone.app.contenttypes.indexers import mime_type as plone_mime_type
from plone.namedfile.file import NamedBlobImage
from Products.CMFPlone.CatalogTool import getObjSize as plone_getObjSize
from Products.CMFPlone.image_scales.indexer import image_scales as plone_image_scales
import pytest
from sirhp.content.base import targets
from sirhp.content.indexers import fields_of_type as ours
from tests.security.access import _png
from z3c.relationfield import RelationValue
from zope.component import getSiteManager
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.interface import Interface
from zope.intid.interfaces import IIntIds
from zope.size.interfaces import ISized


def _value(indexer, obj):
    """What ``indexer`` gives ``obj``'s catalog entry."""
    try:
        return indexer(obj)()
    except AttributeError:
        return "no entry"


@pytest.fixture
def files(portal, testdata):
    with_photo = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    with_photo.photo = NamedBlobImage(data=_png(), filename="a.png")
    without = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    without.photo = None
    return with_photo, without


def test_the_values_are_plones(files):
    with_photo, without = files
    for file in files:
        assert _value(ours.getObjSize, file) == _value(plone_getObjSize, file)
        assert _value(ours.mime_type, file) == _value(plone_mime_type, file)
        assert _value(ours.image_scales, file) == _value(plone_image_scales, file)
    # the photo counts and has its scales; no photo, no size and no entry
    assert _value(ours.getObjSize, with_photo) != "0 KB"
    assert set(_value(ours.image_scales, with_photo)) == {"photo"}
    assert _value(ours.getObjSize, without) == "0 KB"
    assert _value(ours.image_scales, without) == "no entry"
    assert _value(ours.mime_type, without) == "text/plain"


def test_a_file_with_an_interface_of_its_own(files):
    """Its fields and adapters are found for its interfaces: an ``ISized``
    registered for one of them gives its size, as in Plone."""
    with_photo, without = files

    class IMarked(Interface):
        pass

    @implementer(ISized)
    class Sized:
        def __init__(self, context):
            pass

        def sizeForSorting(self):
            return ("byte", 3 * 1024 * 1024)

        def sizeForDisplay(self):
            return "3 MB"

    registry = getSiteManager()
    registry.registerAdapter(Sized, (IMarked,), ISized)
    try:
        alsoProvides(without, IMarked)
        assert ours._fields(without) is not ours._fields(with_photo)
        assert not ours._fields(without).default_size
        assert _value(ours.getObjSize, without) == _value(plone_getObjSize, without)
        assert _value(ours.getObjSize, without) == "3.0 MB"
        assert ours._fields(with_photo).default_size
    finally:
        registry.unregisterAdapter(Sized, (IMarked,), ISized)


def test_the_catalog_holds_plones_values(portal, files):
    catalog = portal.portal_catalog
    for file in files:
        file.reindexObject()
        (brain,) = catalog.unrestrictedSearchResults(UID=file.UID())
        assert brain.getObjSize == _value(plone_getObjSize, file)
        assert brain.mime_type == _value(plone_mime_type, file)
    assert set(
        catalog.unrestrictedSearchResults(UID=files[0].UID())[0].image_scales
    ) == {"photo"}


def test_a_unit_asked_again_is_looked_up_once(portal, files, monkeypatch):
    file = files[0]
    relation = file.unit
    asked = []
    resolve = type(relation).to_object.fget

    def counting(self):
        asked.append(self.to_id)
        return resolve(self)

    monkeypatch.setattr(type(relation), "to_object", property(counting))
    targets.forget()
    unit = targets.target(relation)
    assert unit is not None
    assert targets.target(relation) is unit
    assert targets.target(relation) is unit
    assert len(asked) == 1
    # another relation to another unit: looked up, its own target
    other = next(
        brain._unrestrictedGetObject()
        for brain in portal.portal_catalog.unrestrictedSearchResults(portal_type="Unit")
        if brain.UID != unit.UID()
    )
    changed = RelationValue(getUtility(IIntIds).getId(other))
    assert targets.target(changed).getPhysicalPath() == other.getPhysicalPath()
    assert len(asked) == 2
    # the same relation object pointing elsewhere: looked up again
    relation.to_id = changed.to_id
    assert targets.target(relation).getPhysicalPath() == other.getPhysicalPath()
    assert len(asked) == 3
    assert targets.target(None) is None
    # another request: looked up again (the target holds its request)
    served = getRequest()
    try:
        setRequest(None)
        targets.target(relation)
        assert len(asked) == 4
    finally:
        setRequest(served)
