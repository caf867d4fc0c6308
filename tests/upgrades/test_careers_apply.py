"""The ``event_end_date`` index on a site made before: added, and filled
for the existing period acts."""

from datetime import date
from plone import api
from sirhp.content.upgrades.careers_apply import INDEX
from sirhp.content.upgrades.careers_apply import upgrade


def test_upgrade_adds_and_fills_the_index(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    with api.env.adopt_roles(["Manager"]):
        act = api.content.create(
            container=file,
            type="CareerEvent",
            id="detachement",
            event_type="detachment",
            event_date=date(2024, 1, 1),
            end_date=date(2024, 12, 31),
            resulting_status="detached",
        )
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex(INDEX)  # the site before
    assert INDEX not in catalog.indexes()
    for _run in range(2):  # re-runnable
        assert upgrade(portal.portal_setup) >= 1
        assert catalog._catalog.getIndex(INDEX).meta_type == "DateIndex"
        found = catalog.unrestrictedSearchResults(
            portal_type="CareerEvent",
            **{INDEX: {"query": (date(2024, 12, 31),) * 2, "range": "min:max"}},
        )
        assert act.UID() in [brain.UID for brain in found]
