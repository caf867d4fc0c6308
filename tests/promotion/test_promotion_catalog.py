"""A decided tableau in the catalog: its ``effective`` field (the
promotions' date, a ``date`` in the next quarter) shadows Dublin Core's
``effective()``; the catalog keeps Dublin Core's date, so a full reindex
works and the table stays found by its readers."""

from DateTime import DateTime
from plone import api
from plone.app.testing import login
from Products.CMFCore.indexing import processQueue
from sirhp.content.promotion import api as promotion
from sirhp.content.promotion import rules
from tests.promotion.conftest import AT


def test_a_decided_table_is_reindexed_and_found(table, portal):
    promotion.build(table=table, at=AT)
    api.content.transition(obj=table, transition="submit")
    login(portal, "siteadmin")  # the commission's secretary
    first, second = table.candidates
    promotion.decide(
        table=table,
        decisions={
            first["uid"]: {"decision": "promoted"},
            second["uid"]: {"decision": "deferred"},
        },
    )
    api.content.transition(obj=table, transition="decide")
    # the promotions' date, a datetime.date (whatever day the test runs)
    assert table.effective == rules.effective_date(table.decided_on)
    table.reindexObject()  # every index, effectiveRange included
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(UID=table.UID())
    assert isinstance(brain.effective, DateTime)
    assert brain.effective <= DateTime()  # Dublin Core's: already effective
    login(portal, "auditor")
    assert len(api.content.find(UID=table.UID())) == 1
