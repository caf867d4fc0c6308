"""Retirement tests: known birth dates, corps and grades on the test files.

With the shipped age limits and ``REFERENCE_DATE`` (2026-11-01) as today:
- pn_validated: sergent (61), born 1966-02-20 -> 2027-02-20 (6-month reminder)
- pn_validated2: officier-1 (62), born 1965-09-15 -> 2027-09-15 (12 months)
- pn_pending: commissaire (65), born 1964-02-29 -> 2029-02-28 (leap day)
- pn_draft: agent (61), born 1990-01-01 -> 2051-01-01
- pn_archived: sergent, born 1966-06-01 -> 2027-06-01, but retired: left out
- ocs_validated: sergent, born 1966-03-01 -> 2027-03-01 (the other agency)
"""

from datetime import date
from plone import api
import pytest

KNOWN = {
    "pn_validated": ("sous-officiers", "sergent", date(1966, 2, 20), "active"),
    "pn_validated2": ("officiers", "officier-1", date(1965, 9, 15), "active"),
    "pn_pending": ("commissaires", "commissaire", date(1964, 2, 29), "active"),
    "pn_draft": ("sous-officiers", "agent", date(1990, 1, 1), "active"),
    "pn_archived": ("sous-officiers", "sergent", date(1966, 6, 1), "retired"),
    "ocs_validated": ("sous-officiers", "sergent", date(1966, 3, 1), "active"),
}


def set_known_dates(portal, testdata):
    """Give the test files the dates above, reindexed; {name: file}."""
    files = {}
    with api.env.adopt_roles(["Manager"]):
        for name, (corps, grade, birth, status) in KNOWN.items():
            file = portal.unrestrictedTraverse(testdata.path_of(name))
            file.corps, file.grade, file.birth_date = corps, grade, birth
            file.status = status
            file.reindexObject()
            # the acts say the same (validated acts make the file: a later
            # act re-derives it from them)
            for act in file.objectValues():
                if getattr(act, "resulting_grade", None):
                    act.resulting_grade = grade
                    act.reindexObject()
            files[name] = file
    return files


@pytest.fixture
def known_files(portal, testdata):
    return set_known_dates(portal, testdata)
