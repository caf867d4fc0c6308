"""Retirement dates follow the référentiels: a version in force on the day
it is added recomputes them (no value drifts from its source); a version
dated in the future changes nothing before its date."""

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
    assert _indexed(portal, file) == date(2029, 9, 15)
    # the other corps keep theirs
    assert _indexed(portal, known_files["pn_pending"]) == date(2029, 2, 28)


def test_a_future_version_waits_for_its_date(portal, known_files):
    file = known_files["pn_validated2"]
    with api.env.adopt_roles(["Manager"]):
        referentials.add_version(
            effective="2027-01-01",
            tables=_with_limit("officiers", 64),
            today=REFERENCE_DATE,
        )
    assert _indexed(portal, file) == date(2027, 9, 15)
