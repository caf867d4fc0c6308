"""Upgrade concurrency: on a site whose history ids still come from CMFUid's
shared counter (as before), the upgrade registers SIRHP's conflict-free
generator; re-runnable; an added versioned record then gets its first
version with a history id drawn by it, without writing the old counter."""

from Acquisition import aq_base
from plone import api
from Products.CMFUid.interfaces import IUniqueIdGenerator
from sirhp.content.base.historyids import FLOOR
from sirhp.content.base.historyids import HistoryIdGenerator
from sirhp.content.upgrades import concurrency
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE


def _generator(portal):
    return portal.getSiteManager().getUtility(IUniqueIdGenerator)


def test_upgrade(portal, testdata):
    manager = portal.getSiteManager()
    old = portal.portal_uidgenerator
    # the site before: CMFUid's tool is the generator
    manager.registerUtility(aq_base(old), IUniqueIdGenerator)
    assert aq_base(_generator(portal)) is aq_base(old)
    concurrency.upgrade(portal.portal_setup)
    concurrency.upgrade(portal.portal_setup)  # re-runnable
    assert isinstance(_generator(portal), HistoryIdGenerator)
    counter = old._uid_counter
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with api.env.adopt_roles(["Manager"]):
        act = api.content.create(
            container=file,
            type="CareerEvent",
            event_type="decoration",
            event_date=REFERENCE_DATE,
            decoration="Médaille",
            id="decoration-concurrence",
        )
    history_id = portal.portal_historyidhandler.queryUid(act)
    assert history_id is not None and history_id >= FLOOR
    assert old._uid_counter == counter  # the shared counter is not written


def test_installed_site_is_current(portal):
    """A new site draws its history ids without the shared counter."""
    assert isinstance(_generator(portal), HistoryIdGenerator)


def test_ids_are_integers_and_distinct():
    generator = HistoryIdGenerator()
    ids = {generator() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(isinstance(i, int) and i >= FLOOR for i in ids)
    assert generator.convert(str(FLOOR + 5)) == FLOOR + 5
