"""Upgrade sirhp.content 1003 -> 1004: a career event's date leaves Plone's
publication date (``effective_date``) for ``event_date``.

Before: the catalog's ``effective`` index held career dates and the career
timeline, sorted on a missing index, came out in no order.
"""

from datetime import date
from plone import api
from plone.app.testing import login
from sirhp.content.upgrades import to_1004


def _back_to_1003(portal, events):
    catalog = portal.portal_catalog
    catalog.delIndex("event_date")
    catalog.delColumn("event_date")
    catalog.addColumn("effective_date")
    for event in events:
        # as 1003 stored it: the field was named effective_date
        event.__dict__["effective_date"] = event.__dict__.pop("event_date")
        event.reindexObject()
    portal.portal_setup.setLastVersionForProfile("sirhp.content:default", "1003")


def test_to_1004(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    days = [date(2019, 1, 1), date(2031, 6, 1), date(2010, 3, 2)]
    with api.env.adopt_user(username="clerk.pn"):
        events = []
        for number, day in enumerate(days):
            event = api.content.create(
                container=file,
                type="CareerEvent",
                id=f"acte-{number}",
                event_type="training",
            )
            event.event_date = day
            events.append(event)
    with api.env.adopt_roles(["Manager"]):
        _back_to_1003(portal, events)
        assert events[1].effective().year() == 2031  # the old confusion
        to_1004(portal.portal_setup)
        to_1004(portal.portal_setup)  # re-runnable
    catalog = portal.portal_catalog
    assert catalog.Indexes["event_date"].meta_type == "DateIndex"
    assert "event_date" in catalog.schema()
    assert "effective_date" not in catalog.schema()
    for event, day in zip(events, days, strict=True):
        assert event.event_date == day
        assert "effective_date" not in event.__dict__
        # Plone's publication date is no longer the career date
        assert event.EffectiveDate() == "None"
    # the timeline is sorted by the career date, newest first
    login(portal, "clerk.pn")
    view = file.restrictedTraverse("@@view")
    dates = [b.event_date for b in view.records("CareerEvent")]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == date(2031, 6, 1)
