"""Small, fixed synthetic data set of the test layers.

Personas (login -> what they are):
- clerk.pn, clerk2.pn: records clerks of the Police nationale
- reviewer.pn: reviewer of the PN; clerkreviewer.pn: clerk AND reviewer of the PN
- hrmanager.pn, hrmanager.ocs; clerk.ocs, reviewer.ocs
- recruiter.pn, recruiter.ocs: recruitment officers (RecruitmentOfficer)
- commander.pn (commissariat du 1er arrondissement), commander2.pn (Kayes)
- auditor
- siteadmin: member of "Site Administrators" (the portal's administrators)
- officer A = FILES["pn_validated"], officer B = FILES["pn_validated2"]

All files are created by clerk.pn (PN) or clerk.ocs (OCS); submissions are
made by those clerks, validations by the reviewers.

The data is the same on any day: the generator draws its dates before
``demo.REFERENCE_DATE``, never relative to the clock.
"""

from plone import api
from sirhp.policy.setuphandlers import demo

PASSWORD = "secret-test-1"

# name -> (agency, state, unit path inside the agency)
SPECS = (
    ("pn_draft", "police-nationale", "draft", "dr-bamako/commissariat-1"),
    ("pn_pending", "police-nationale", "pending", "dr-bamako/commissariat-1"),
    ("pn_validated", "police-nationale", "validated", "dr-bamako/commissariat-1"),
    ("pn_archived", "police-nationale", "archived", "dr-bamako/commissariat-1"),
    ("pn_validated2", "police-nationale", "validated", "dr-kayes/commissariat-kayes"),
    ("ocs_draft", "ocs", "draft", "antenne-sikasso"),
    ("ocs_pending", "ocs", "pending", "antenne-sikasso"),
    ("ocs_validated", "ocs", "validated", "antenne-sikasso"),
)


def _matricules():
    counters = {"police-nationale": 0, "ocs": 0}
    result = {}
    for name, agency, _state, _unit in SPECS:
        counters[agency] += 1
        index = 0 if agency == "police-nationale" else 1
        result[name] = demo.matricule(index, counters[agency])
    return result


FILES = _matricules()


def path_of(name):
    agency = next(spec[1] for spec in SPECS if spec[0] == name)
    return f"{agency}/{FILES[name]}"


def create(portal):
    demo.build_units(portal)
    demo.create_staff_users(portal, PASSWORD)
    extra = (
        ("clerk2.pn", ["police-nationale-clerks"]),
        ("clerkreviewer.pn", ["police-nationale-clerks", "police-nationale-reviewers"]),
        ("siteadmin", ["Site Administrators"]),
    )
    for login, groups in extra:
        api.user.create(username=login, email=f"{login}@example.ml", password=PASSWORD)
        for group in groups:
            api.group.add_user(groupname=group, username=login)
    kayes = portal.unrestrictedTraverse("police-nationale/dr-kayes/commissariat-kayes")
    api.user.create(username="commander2.pn", email="c2@example.ml", password=PASSWORD)
    api.group.add_user(
        groupname=demo.ensure_commanders_group(kayes), username="commander2.pn"
    )

    generator = demo.Generator(
        portal, seed=7, accounts=False, password=PASSWORD, documents=False
    )
    for name, agency, state, unit in SPECS:
        obj = generator.create_file(agency, state=state, unit_path=unit)
        assert obj.getId() == FILES[name], (obj.getId(), FILES[name])
    for name in ("pn_validated", "pn_validated2", "ocs_validated"):
        obj = portal.unrestrictedTraverse(path_of(name))
        demo.ensure_officer_account(obj.matricule, obj.full_name, PASSWORD)
