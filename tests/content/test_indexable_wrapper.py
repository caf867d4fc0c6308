"""The catalog's view of SIRHP content gives the same values as Plone's
wrapper (never an acquired attribute), without climbing the parents for
the names a record lacks."""

from plone.indexer.interfaces import IIndexableObject
from plone.indexer.wrapper import IndexableObjectWrapper
import pytest
from sirhp.content.indexers.wrapper import IndexableSirhpContent
from zope.component import getMultiAdapter

_MISSING = object()


def _values(wrapper, catalog):
    names = set(catalog.indexes()) | set(catalog.schema())
    found = {}
    for name in sorted(names):
        try:
            value = getattr(wrapper, name)
            if callable(value):
                value = value()
        except (AttributeError, TypeError):
            value = _MISSING
        found[name] = repr(value)
    return found


@pytest.mark.parametrize("name", ["pn_validated", "pn_draft"])
def test_same_values_as_plone_for_files_and_their_records(portal, testdata, name):
    catalog = portal.portal_catalog
    file = portal.unrestrictedTraverse(testdata.path_of(name))
    objects = [file, *file.objectValues()]
    assert len(objects) > 1  # the file's acts and documents too
    for obj in objects:
        ours = getMultiAdapter((obj, catalog), IIndexableObject)
        assert isinstance(ours, IndexableSirhpContent)
        plone = IndexableObjectWrapper(obj, catalog)
        assert _values(ours, catalog) == _values(plone, catalog), obj.portal_type


def test_never_an_acquired_value(portal, testdata):
    catalog = portal.portal_catalog
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    act = next(o for o in file.objectValues() if o.portal_type == "CareerEvent")
    wrapper = getMultiAdapter((act, catalog), IIndexableObject)
    assert act.first_names == file.first_names  # acquired...
    with pytest.raises(AttributeError):
        assert wrapper.first_names is None  # ...never indexed
