"""Shared helpers of the content tests: valid data for a new personnel file."""

from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

UNIT_PATH = "police-nationale/dr-bamako/commissariat-2"


def relation(obj):
    return RelationValue(getUtility(IIntIds).getId(obj))


def file_data(portal, **overrides):
    unit = portal.unrestrictedTraverse(overrides.pop("unit_path", UNIT_PATH))
    data = {
        "matricule": "123456T",
        "nina": "ABC123DEF456GHI",
        "last_name": "Traoré",
        "first_names": "Awa Kadiatou",
        "sex": "F",
        "birth_date": date(1990, 5, 4),
        "birth_place": "Ségou",
        "marital_status": "married",
        "children_count": 2,
        "phone": "+223 76 12 34 56",
        "email": "awa.traore@example.ml",
        "address": "Hamdallaye ACI 2000, Bamako",
        "emergency_contact": "Moussa Traoré, +223 66 00 00 00",
        "corps": "officiers",
        "grade": "officier-1",
        "grade_date": date(2018, 1, 1),
        "hire_date": date(2012, 9, 1),
        "status": "active",
        "unit": relation(unit),
        "position": "Enquêtrice",
        "skills": ["cybercriminalite", "informatique"],
        "languages": ["fr", "bm", "ff"],
        "driving_licences": ["B"],
        "blood_group": "AB-",
        "medical_notes": "Asthmatique zébrure confidentielle",
    }
    data.update(overrides)
    return data


def create_file(portal, user="clerk.pn", agency="police-nationale", **overrides):
    """A new file created by ``user`` through the name chooser (id = matricule)."""
    data = file_data(portal, **overrides)
    with api.env.adopt_user(username=user):
        return createContentInContainer(portal[agency], "PersonnelFile", **data)
