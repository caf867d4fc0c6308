"""Upgrade sirhp.content 1004 -> 1005: the ``document_sort`` index, filled
from the catalog metadata, brings undated documents back into sorted lists."""

from datetime import date
from plone import api
from plone.app.testing import login
from plone.namedfile.file import NamedBlobFile
from sirhp.content.upgrades import to_1005
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from tests.upgrades import latest


def test_to_1005(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with api.env.adopt_user(username="clerk.pn"):
        for name, day in (("datee", date(2019, 5, 1)), ("sans-date", None)):
            api.content.create(
                container=file,
                type="ScannedDocument",
                id=name,
                document_type="diplome",
                document_date=day,
                file=NamedBlobFile(tiny_pdf([name]), filename=f"{name}.pdf"),
            )
    catalog = portal.portal_catalog
    with api.env.adopt_roles(["Manager"]):
        catalog.delIndex("document_sort")  # a 1004 site
        portal.portal_setup.setLastVersionForProfile("sirhp.content:default", "1004")
        to_1005(portal.portal_setup)
        to_1005(portal.portal_setup)  # re-runnable
    assert catalog.Indexes["document_sort"].meta_type == "DateIndex"
    login(portal, "clerk.pn")
    ids = [
        b.getId for b in file.restrictedTraverse("@@view").records("ScannedDocument")
    ]
    assert ids == ["datee", "sans-date"]


def test_profile_version_is_current(portal):
    setup = portal.portal_setup
    assert setup.getLastVersionForProfile("sirhp.content:default") == latest(
        setup, "sirhp.content:default"
    )
