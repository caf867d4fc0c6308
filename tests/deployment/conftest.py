"""The staff finder's test files: officers A (pn_validated, commissariat-1,
Bamako) and B (pn_validated2, Kayes) with known skills, languages, licences
and birth dates (explicit dates only)."""

from datetime import date
from plone import api
import pytest

KNOWN = {
    "pn_validated": {
        "skills": ["police-judiciaire", "renseignement"],
        "skill_levels": {"police-judiciaire": 3},
        "languages": ["bm"],
        "driving_licences": ["B"],
        "birth_date": date(1990, 5, 1),
        "sex": "M",
    },
    "pn_validated2": {
        "skills": ["police-judiciaire"],
        "skill_levels": None,
        "languages": ["bm", "ff"],
        "driving_licences": [],
        "birth_date": date(1970, 1, 1),
        "sex": "F",
    },
}


def set_known(portal, testdata):
    files = {}
    with api.env.adopt_roles(["Manager"]):
        for name, values in KNOWN.items():
            file = portal.unrestrictedTraverse(testdata.path_of(name))
            for key, value in values.items():
                setattr(file, key, value)
            file.reindexObject()
            files[name] = file
    return files


@pytest.fixture
def known(portal, testdata):
    return set_known(portal, testdata)
