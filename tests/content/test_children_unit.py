"""A file's records, badges and requests follow its unit in the catalog (the
review queue and badge printing filter on it); an edit that keeps the unit
leaves their catalog entries alone."""

from plone import api
from plone.namedfile.file import NamedBlobFile
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent


def _children_units(catalog, file):
    path = "/".join(file.getPhysicalPath())
    return {
        brain.getId: brain.unit
        for brain in catalog.unrestrictedSearchResults(path={"query": path, "depth": 1})
    }


def test_children_follow_the_unit(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    catalog = portal.portal_catalog
    with api.env.adopt_user(username="clerk.pn"):
        api.content.create(
            container=file,
            type="ScannedDocument",
            id="piece",
            document_type="diplome",
            file=NamedBlobFile(tiny_pdf(["Pièce"]), filename="p.pdf"),
        )
    old = file.unit.to_object.UID()
    assert set(_children_units(catalog, file).values()) == {old}
    kayes = portal.unrestrictedTraverse("police-nationale/dr-kayes/commissariat-kayes")
    with api.env.adopt_roles(["Manager"]):
        file.position = "Autre poste"  # an edit that keeps the unit
        notify(ObjectModifiedEvent(file))
        assert set(_children_units(catalog, file).values()) == {old}
        file.unit = RelationValue(getUtility(IIntIds).getId(kayes))
        notify(ObjectModifiedEvent(file))
        file.reindexObject()
    units = _children_units(catalog, file)
    assert units and set(units.values()) == {kayes.UID()}
    found = catalog.unrestrictedSearchResults(
        unit=kayes.UID(), path="/".join(file.getPhysicalPath())
    )
    assert {b.getId for b in found} >= set(units)
