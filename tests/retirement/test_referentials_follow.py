"""Retirement dates follow the référentiels, out of the request that adds a
version: adding one records the work as due; ``apply_due`` (the daily task,
or the panel's "Recalculer maintenant") recomputes them once the version is
in force (no value drifts from its source), a future version on its date."""

import copy
from datetime import date
from plone import api
from sirhp.content.referentials import api as referentials
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE


def _indexed(portal, file):
    brain = portal.portal_catalog.unrestrictedSearchResults(UID=file.UID())[0]
    return brain.retirement_date


def _with_limit(corps, limit):
    tables = copy.deepcopy(referentials.tables(at=REFERENCE_DATE))
    tables["corps"][corps]["age_limit"] = limit
    return tables


def test_a_version_in_force_recomputes_retirement_dates(portal, known_files):
    file = known_files["pn_validated2"]  # officier-1, born 1965-09-15, 62
    assert _indexed(portal, file) == date(2027, 9, 15)
    with api.env.adopt_roles(["Manager"]):
        referentials.add_version(
            effective="2026-06-01",
            tables=_with_limit("officiers", 64),
            today=REFERENCE_DATE,
        )
        # not in the request that adds the version: recorded as due
        assert _indexed(portal, file) == date(2027, 9, 15)
        assert referentials.due_status()["pending"] == ["2026-06-01"]
        done = referentials.apply_due(today=REFERENCE_DATE)
    assert done["applied"] == ["2026-06-01"]
    assert done["results"]["retirement_dates"] >= 2
    assert _indexed(portal, file) == date(2029, 9, 15)
    # the other corps keep theirs
    assert _indexed(portal, known_files["pn_pending"]) == date(2029, 2, 28)
    # done once: the next run has nothing to do
    again = referentials.apply_due(today=REFERENCE_DATE)
    assert again["applied"] == [] and again["results"] == {}
    assert referentials.due_status() == {
        "pending": [],
        "last_run": REFERENCE_DATE.isoformat(),
    }


def test_a_future_version_waits_for_its_date(portal, known_files):
    file = known_files["pn_validated2"]
    with api.env.adopt_roles(["Manager"]):
        referentials.add_version(
            effective="2027-01-01",
            tables=_with_limit("officiers", 64),
            today=REFERENCE_DATE,
        )
        before = referentials.apply_due(today=REFERENCE_DATE)
        assert before["applied"] == [] and before["pending"] == ["2027-01-01"]
        assert _indexed(portal, file) == date(2027, 9, 15)
        assert referentials.apply_due(today=date(2026, 12, 31))["applied"] == []
        on_its_date = referentials.apply_due(today=date(2027, 1, 1))
    assert on_its_date["applied"] == ["2027-01-01"]
    assert on_its_date["pending"] == []
    assert _indexed(portal, file) == date(2029, 9, 15)
