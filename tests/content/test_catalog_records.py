"""Catalog entries read without brains: the same entries the caller's
search found (restricted searches stay restricted), the same values."""

from plone import api
from plone.app.testing import login
from sirhp.content.base.catalog import records

COLUMNS = ("UID", "Title", "matricule", "career_file", "review_state")


def _by_brains(found):
    return sorted((b.getPath(), {c: getattr(b, c) for c in COLUMNS}) for b in found)


def test_same_entries_and_values_as_the_brains(portal):
    catalog = api.portal.get_tool("portal_catalog")
    for user in ("hrmanager.pn", "commander.pn", "clerk.ocs"):
        login(portal, user)
        found = catalog(portal_type=["PersonnelFile", "CareerEvent"])
        assert hasattr(found, "_seq")  # the fast path is taken
        mine = sorted(records(found, catalog, COLUMNS))
        assert mine == _by_brains(found)
        assert mine, user
    login(portal, "clerk.ocs")
    paths = [path for path, _values in records(catalog(), catalog, ("UID",))]
    assert not any("/police-nationale/" in path for path in paths)


def test_sorted_results_fall_back_to_brains(portal):
    catalog = api.portal.get_tool("portal_catalog")
    login(portal, "hrmanager.pn")
    found = catalog(portal_type="PersonnelFile", sort_on="matricule")
    assert [p for p, _v in records(found, catalog, ("UID",))] == [
        b.getPath() for b in found
    ]
