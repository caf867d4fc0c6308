"""Agencies and personnel files are unordered folders: adding a file or a
record writes no list of ids (an ordered agency rewrote the ids of all its
files for each new one, and two additions at once conflicted on it); the
upgrade drops the lists an older site kept."""

from datetime import date
from plone import api
from sirhp.content.upgrades import unordered
from zope.annotation.interfaces import IAnnotations

ORDER, POS = unordered.KEYS


def _lists(obj):
    return [key for key in unordered.KEYS if key in IAnnotations(obj)]


def test_adding_writes_no_ordering_list(portal, testdata):
    agency = portal["police-nationale"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=file,
            type="CareerEvent",
            id="affectation-unordered",
            event_type="assignment",
            event_date=date(2024, 1, 1),
            reference="Décision n°2024-7",
        )
    assert agency.getOrdering().__class__.__name__ == "UnorderedOrdering"
    assert file.getOrdering().__class__.__name__ == "UnorderedOrdering"
    assert _lists(agency) == [] and _lists(file) == []
    # listed all the same (objectIds, the catalog)
    assert "affectation-unordered" in file.objectIds()
    assert file.getObjectPosition("affectation-unordered") is None


def test_upgrade_drops_the_lists_of_an_older_site(portal, testdata):
    agency = portal["police-nationale"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    for folder in (agency, file):
        IAnnotations(folder)[ORDER] = ["x"]
        IAnnotations(folder)[POS] = {"x": 0}
    with api.env.adopt_roles(["Manager"]):
        for _ in range(2):  # re-runnable
            unordered.upgrade(portal.portal_setup)
    assert _lists(agency) == [] and _lists(file) == []
