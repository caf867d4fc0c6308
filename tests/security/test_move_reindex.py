"""Moving a file to the other agency re-indexes its security at once."""

from plone import api
from plone.app.testing import login


def _find(portal, user, matricule):
    login(portal, user)
    return [
        b.getPath()
        for b in api.content.find(portal_type="PersonnelFile", matricule=matricule)
    ]


def test_file_moved_to_other_agency(portal, testdata):
    matricule = testdata.FILES["pn_validated2"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
    assert _find(portal, "clerk.pn", matricule)
    assert _find(portal, "commander2.pn", matricule)  # commands its Kayes unit
    assert not _find(portal, "clerk.ocs", matricule)
    with api.env.adopt_roles(["Manager"]):
        api.content.move(source=file, target=portal["ocs"])
    assert not _find(portal, "clerk.pn", matricule)
    # a Police nationale commander no longer sees a file of the OCS
    assert not _find(portal, "commander2.pn", matricule)
    assert _find(portal, "clerk.ocs", matricule) == [
        "/".join(portal["ocs"][matricule].getPhysicalPath())
    ]
    # its records follow
    login(portal, "clerk.ocs")
    records = api.content.find(
        path="/".join(portal["ocs"][matricule].getPhysicalPath()),
        portal_type="CareerEvent",
    )
    assert records
    login(portal, "clerk.pn")
    assert not api.content.find(matricule=matricule)
    brains = portal.portal_catalog.unrestrictedSearchResults(
        matricule=matricule, portal_type="PersonnelFile"
    )
    assert [b.agency for b in brains] == ["ocs"]
