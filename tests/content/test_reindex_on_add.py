"""Adding a record to a personnel file, or a file to an agency, does not
reindex the container (its catalog entry was rewritten for every add: the
entries clerks working at once conflicted on); editing the file still
reindexes it, and other containers are reindexed as before."""

from Acquisition import aq_base
from datetime import date
from plone import api
from Products.CMFCore.indexing import processQueue
import pytest
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


@pytest.fixture
def reindexed(monkeypatch):
    """The paths of the objects catalogued, recorded."""
    paths = []
    catalog_tool = type(aq_base(api.portal.get_tool("portal_catalog")))
    original = catalog_tool.catalog_object

    def spy(self, obj, uid=None, *args, **kw):
        paths.append(uid or "/".join(obj.getPhysicalPath()))
        return original(self, obj, uid, *args, **kw)

    monkeypatch.setattr(catalog_tool, "catalog_object", spy)
    return paths


def test_adding_a_record_leaves_the_file_entry_alone(portal, testdata, reindexed):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    file_path = "/".join(file.getPhysicalPath())
    agency_path = "/".join(portal["police-nationale"].getPhysicalPath())
    catalog = api.portal.get_tool("portal_catalog")
    before = catalog.unrestrictedSearchResults(UID=file.UID())[0].modified
    with api.env.adopt_user(username="clerk.pn"):
        api.content.create(
            container=file,
            type="CareerEvent",
            id="acte-reindex",
            event_type="assignment",
            event_date=date(2024, 1, 1),
            reference="Décision n°2024-9",
        )
        processQueue()
    assert f"{file_path}/acte-reindex" in reindexed
    assert file_path not in reindexed
    assert agency_path not in reindexed
    assert catalog.unrestrictedSearchResults(UID=file.UID())[0].modified == before


def test_editing_the_file_still_reindexes_it(portal, testdata, reindexed):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with api.env.adopt_user(username="clerk.pn"):
        file.position = "Chef de poste"
        notify(ObjectModifiedEvent(file))
        processQueue()
    assert "/".join(file.getPhysicalPath()) in reindexed
    catalog = api.portal.get_tool("portal_catalog")
    assert catalog.unrestrictedSearchResults(UID=file.UID(), SearchableText="poste")
