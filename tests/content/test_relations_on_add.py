"""Adding a record to a personnel file does not rewrite the relation catalog
(the file's ``unit`` relation was removed and re-added for every add, the
first conflict between clerks); editing the file's unit still updates it."""

from plone import api
from plone.namedfile.file import NamedBlobFile
import pytest
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from z3c.relationfield import RelationValue
from zc.relation.catalog import Catalog
from zc.relation.interfaces import ICatalog
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent


@pytest.fixture
def writes(monkeypatch):
    """The calls that write the relation catalog, recorded."""
    calls = []
    for name in ("index", "index_doc", "unindex", "unindex_doc"):
        original = getattr(Catalog, name)

        def spy(self, *args, _name=name, _original=original, **kw):
            calls.append(_name)
            return _original(self, *args, **kw)

        monkeypatch.setattr(Catalog, name, spy)
    return calls


def _files_in(unit):
    intids = getUtility(IIntIds)
    return {
        relation.from_object.getId()
        for relation in getUtility(ICatalog).findRelations(
            {"to_id": intids.getId(unit), "from_attribute": "unit"}
        )
    }


def test_adding_records_leaves_the_relation_catalog_alone(portal, testdata, writes):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with api.env.adopt_user(username="clerk.pn"):
        api.content.create(
            container=file,
            type="ScannedDocument",
            id="piece-relations",
            document_type="diplome",
            file=NamedBlobFile(tiny_pdf(["Pièce"]), filename="p.pdf"),
        )
        api.content.create(
            container=file,
            type="CareerEvent",
            id="acte-relations",
            event_type="decoration",
            decoration="Médaille",
        )
    assert writes == []
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(obj=file["piece-relations"], check_linkintegrity=False)
    assert writes == []
    assert file.getId() in _files_in(file.unit.to_object)


def test_editing_the_unit_updates_the_relation(portal, testdata, writes):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    old = file.unit.to_object
    kayes = portal.unrestrictedTraverse("police-nationale/dr-kayes/commissariat-kayes")
    assert file.getId() in _files_in(old)
    assert file.getId() not in _files_in(kayes)
    with api.env.adopt_roles(["Manager"]):
        file.unit = RelationValue(getUtility(IIntIds).getId(kayes))
        notify(ObjectModifiedEvent(file))
    assert writes  # the modification reached z3c.relationfield
    assert file.getId() in _files_in(kayes)
    assert file.getId() not in _files_in(old)
