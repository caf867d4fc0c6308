"""Versions take effect on their date: the upgrade records as due the
future versions a site stored before (never applied then), not those in
force, and may run twice."""

import copy
from datetime import date
from plone import api
from sirhp.content.referentials import api as referentials
from sirhp.content.upgrades.careers_refs import upgrade
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from zope.annotation.interfaces import IAnnotations


def test_future_versions_recorded_as_due(portal):
    tables = copy.deepcopy(referentials.tables(at=REFERENCE_DATE))
    with api.env.adopt_roles(["Manager"]):
        for effective in ("2026-06-01", "2027-01-01"):
            referentials.add_version(
                effective=effective, tables=tables, today=date(2026, 1, 1)
            )
    # the previous state: nothing recorded as due
    del IAnnotations(portal)[referentials.DUE_KEY]
    assert referentials.due_status() == {"pending": [], "last_run": None}
    for _twice in range(2):  # re-runnable
        upgrade(portal.portal_setup, today=REFERENCE_DATE)
    assert referentials.due_status()["pending"] == ["2027-01-01"]
    with api.env.adopt_roles(["Manager"]):
        assert referentials.apply_due(today=date(2027, 1, 1))["applied"] == [
            "2027-01-01"
        ]
