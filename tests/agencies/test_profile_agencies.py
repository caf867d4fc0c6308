"""The agencies of a new site are data: the policy profile's
``sirhp_agencies.json`` (read by the ``sirhp-agencies`` import step) makes
the Police nationale and the OCS, with their groups and sequences; another
entry in that file makes another agency, nothing in code."""

import json
from plone import api
from sirhp.content.base.agencies import agencies
from sirhp.policy.agencies import setup

EXPECTED = [
    ("police-nationale", "Police nationale", "PN", "#1F3A93", "1"),
    ("ocs", "Office Central des Stupéfiants", "OCS", "#0B6E4F", "8"),
]
GROUPS = {
    "clerks": "Bureau des archives",
    "reviewers": "Valideurs",
    "hr": "Gestionnaires RH",
    "recruitment": "Chargés du recrutement",
}


def test_profile_makes_the_two_agencies(portal):
    found = [
        (a.getId(), a.Title(), a.short_name, a.primary_color, a.matricule_prefix)
        for a in agencies()
    ]
    assert found == EXPECTED
    assert [spec["id"] for spec in setup.profile_specs()] == ["police-nationale", "ocs"]
    for agency_id, _title, short_name, _color, _prefix in EXPECTED:
        for suffix, label in GROUPS.items():
            group = api.group.get(groupname=f"{agency_id}-{suffix}")
            assert group.getProperty("title") == f"{short_name} — {label}"


class _Context:
    def __init__(self, text):
        self.text = text

    def readDataFile(self, name):
        return self.text if name == setup.DATA_FILE else None


def test_the_data_file_is_the_source(portal):
    """The import step reads the file of the profile it imports: another
    agency there is created, the existing ones are left as they are; a
    profile without the file changes nothing."""
    setup.import_agencies(_Context(None))
    assert len(agencies()) == 2
    pn = portal["police-nationale"]
    pn.title = "Police nationale du Mali"  # an administrator's change is kept
    extra = {
        "id": "garde-test",
        "title": "Garde test",
        "short_name": "GT",
        "primary_color": "#000000",
        "matricule_prefix": "6",
    }
    with api.env.adopt_roles(["Manager"]):
        setup.import_agencies(_Context(json.dumps([*setup.profile_specs(), extra])))
    assert [a.getId() for a in agencies()] == ["police-nationale", "ocs", "garde-test"]
    assert pn.Title() == "Police nationale du Mali"
    assert portal["garde-test"].matricule_next == 600000
    assert api.group.get(groupname="garde-test-hr").getProperty("title") == (
        "GT — Gestionnaires RH"
    )
