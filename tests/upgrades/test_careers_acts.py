"""Upgrade careers_acts: on a site whose validated files have no acts and
whose catalog has no career metadata (as before), the metadata columns are
added and filled, the missing acts filed; run twice (re-runnable), the
consistency check then reports nothing for those files."""

from plone import api
from plone.app.testing import login
from sirhp.content.careers import consistency
from sirhp.content.careers.missing import REFERENCE
from sirhp.content.upgrades import careers_acts
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE


def _acts(catalog, file):
    return catalog.unrestrictedSearchResults(
        portal_type="CareerEvent",
        path={"query": "/".join(file.getPhysicalPath()), "depth": 1},
    )


def test_upgrade(portal, testdata):
    catalog = portal.portal_catalog
    files = [
        portal.unrestrictedTraverse(testdata.path_of(name))
        for name in ("pn_validated", "pn_validated2", "ocs_validated")
    ]
    with api.env.adopt_roles(["Manager"]):
        # the site before: validated files without acts, no career metadata
        for file in files:
            api.content.delete(objects=[b.getObject() for b in _acts(catalog, file)])
        catalog.delColumn("career_act")
        catalog.delColumn("career_file")
        careers_acts.upgrade(portal.portal_setup, today=REFERENCE_DATE)
        built = {file.getId(): len(_acts(catalog, file)) for file in files}
        # re-runnable: nothing more
        careers_acts.upgrade(portal.portal_setup, today=REFERENCE_DATE)
    assert {"career_act", "career_file"} <= set(catalog.schema())
    assert {file.getId(): len(_acts(catalog, file)) for file in files} == built
    assert all(count >= 1 for count in built.values())
    for file in files:
        brains = _acts(catalog, file)
        assert {b.review_state for b in brains} == {"validated"}
        assert {b.career_act["reference"] for b in brains} == {REFERENCE}
        assert brains[0].career_act["date"] is not None
    every = catalog.unrestrictedSearchResults(portal_type="PersonnelFile")
    assert all(b.career_file for b in every)
    login(portal, "siteadmin")
    uids = {file.UID() for file in files}
    rows = consistency.check(today=REFERENCE_DATE)
    assert [row for row in rows if row["uid"] in uids] == []


def test_installed_site_is_current(portal):
    """A new site has the columns the upgrade brings."""
    assert {"career_act", "career_file"} <= set(portal.portal_catalog.schema())


def test_a_status_typed_by_hand_is_restated(portal, testdata):
    """Legacy data: a file whose status its acts do not give (typed by hand
    before acts drove files) gets, from the day of the reprise, the act that
    gives it; the consistency check then finds nothing."""
    catalog = portal.portal_catalog
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
    with api.env.adopt_roles(["Manager"]):
        file.status = "detached"
        file.reindexObject()
        careers_acts.upgrade(portal.portal_setup, today=REFERENCE_DATE)
        careers_acts.upgrade(portal.portal_setup, today=REFERENCE_DATE)
    restated = [
        b for b in _acts(catalog, file) if b.career_act["date"] == REFERENCE_DATE
    ]
    assert [b.career_act["type"] for b in restated] == ["detachment"]
    assert restated[0].review_state == "validated"
    login(portal, "siteadmin")
    rows = consistency.check(today=REFERENCE_DATE)
    assert [row for row in rows if row["uid"] == file.UID()] == []
