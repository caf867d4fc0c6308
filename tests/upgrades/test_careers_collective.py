"""Careers, collective decisions upgrade: the ``collective_decision`` index
added on a site that had none; a decision filed afterwards is found."""

from plone import api
from plone.app.testing import login
from sirhp.content.careers import collective
from sirhp.content.careers import collective_batch
from sirhp.content.upgrades import careers_collective


def test_upgrade(portal, testdata):
    catalog = portal.portal_catalog
    with api.env.adopt_roles(["Manager"]):
        catalog.delIndex("collective_decision")  # the site before
        careers_collective.upgrade(portal.portal_setup)
        careers_collective.upgrade(portal.portal_setup)  # re-runnable
    assert catalog.Indexes["collective_decision"].meta_type == "FieldIndex"
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    login(portal, "clerk.pn")
    result = collective.collective_act(
        agency=portal["police-nationale"],
        matricules=[file.matricule],
        event_type="decoration",
        event_date="2026-10-01",
        reference="Décision n°2026-UPGRADE/DGPN",
    )
    items = collective_batch.decision(
        agency=portal["police-nationale"], decision=result.id
    )
    assert [i["matricule"] for i in items] == [file.matricule]


def test_installed_site_is_current(portal):
    """A new site has what the upgrade brings."""
    assert "collective_decision" in portal.portal_catalog.indexes()
