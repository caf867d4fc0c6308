"""Every file has its acts: missing acts built on validation and on demand,
the career metadata, and the consistency check (API, script, page) finding
a planted drift."""

from datetime import date
from pathlib import Path
from plone import api
from plone.app.testing import login
import pytest
from sirhp.content.careers import consistency
from sirhp.content.careers.missing import build_missing_acts
from sirhp.content.careers.missing import REFERENCE
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.content.helpers import create_file
from tests.scripts import load_script
from tests.security.audit_helpers import pending
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "careers_check.py"


@pytest.fixture
def file(portal, testdata):
    return portal.unrestrictedTraverse(testdata.path_of("pn_validated"))


def _brains(file, **query):
    return api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        path={"query": "/".join(file.getPhysicalPath()), "depth": 1}, **query
    )


def _rows_of(file, rows):
    return [row for row in rows if row["uid"] == file.UID()]


def _check(portal, **options):
    login(portal, "siteadmin")
    return consistency.check(today=REFERENCE_DATE, **options)


def _script():
    return load_script(SCRIPT, "careers_check")


def test_missing_acts_built_once(portal, file):
    # a file validated before acts drove files: its recruitment act gone
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(
            objects=[b.getObject() for b in _brains(file, portal_type="CareerEvent")]
        )
    assert _rows_of(file, _check(portal))  # reported: no acts
    login(portal, "reviewer.pn")
    before = len(pending("careers.acts_built", matricule=file.matricule))
    built = build_missing_acts(file=file)
    assert built
    assert {api.content.get_state(act) for act in built} == {"validated"}
    assert {act.reference for act in built} == {REFERENCE}
    # queued: written with the acts, at the commit
    logged = pending("careers.acts_built", matricule=file.matricule)
    assert len(logged) == before + 1
    assert logged[0]["user_id"] == "reviewer.pn"
    assert build_missing_acts(file=file) == []  # re-runnable
    assert _rows_of(file, _check(portal)) == []  # a clean file: nothing


def test_planted_drift_found_by_api_script_and_page(portal, file):
    login(portal, "reviewer.pn")
    build_missing_acts(file=file)
    before = file.grade
    file.grade = "commissaire-divisionnaire"  # behind the acts' back
    file.reindexObject()
    expected = [("grade", "commissaire-divisionnaire", before)]
    rows = _rows_of(file, _check(portal))
    assert [(r["field"], r["stored"], r["from_acts"]) for r in rows] == expected
    assert rows[0]["matricule"] == file.matricule
    rows, lines = _script().run(today=REFERENCE_DATE)
    assert [(r["field"], r["stored"]) for r in _rows_of(file, rows)] == [
        ("grade", "commissaire-divisionnaire")
    ]
    assert any(file.matricule in line and "selon les actes" in line for line in lines)
    assert _script().report([]) == ["Contrôle des carrières : aucune différence."]
    login(portal, "auditor")
    html = portal.unrestrictedTraverse("police-nationale/@@controle-carrieres")()
    assert file.matricule in html and file.absolute_url() in html


def test_a_file_without_acts_is_reported(portal, file):
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(
            objects=[b.getObject() for b in _brains(file, portal_type="CareerEvent")]
        )
    rows = _rows_of(file, _check(portal, agency=portal["police-nationale"]))
    assert [(r["problem"], r["field"]) for r in rows] == [("no_acts", None)]
    assert _rows_of(file, _check(portal, agency=portal["ocs"])) == []


def test_validating_a_file_builds_its_acts(portal):
    new = create_file(portal)
    with api.env.adopt_user(username="clerk.pn"):
        api.content.transition(obj=new, transition="submit")
    assert not _brains(new, portal_type="CareerEvent")
    with api.env.adopt_user(username="reviewer.pn"):
        api.content.transition(obj=new, transition="validate", comment="Conforme.")
    acts = [
        b.career_act
        for b in _brains(new, portal_type="CareerEvent", sort_on="event_date")
    ]
    assert [(a["type"], a["date"]) for a in acts] == [
        ("recruitment", date(2012, 9, 1)),
        ("reclassement", date(2018, 1, 1)),
    ]
    assert acts[0]["position"] == "Enquêtrice" and acts[1]["grade"] == "officier-1"
    assert _rows_of(new, _check(portal)) == []


def test_metadata_on_create_edit_validation(portal, file):
    login(portal, "clerkreviewer.pn")
    act = api.content.create(
        container=file,
        type="CareerEvent",
        id="acte-test",
        event_type="advancement",
        event_date=date(2025, 6, 1),
        resulting_echelon=4,
    )
    brain = _brains(file, id="acte-test")[0]
    assert (
        brain.career_act["echelon"] == 4 and brain.career_act["type"] == "advancement"
    )
    act.resulting_position = "Chef de poste"
    notify(ObjectModifiedEvent(act))
    assert _brains(file, id="acte-test")[0].career_act["position"] == "Chef de poste"
    api.content.transition(obj=act, transition="submit")
    login(portal, "reviewer.pn")
    api.content.transition(obj=act, transition="validate", comment="Conforme.")
    brain = _brains(file, id="acte-test", review_state="validated")[0]
    assert brain.career_act["date"] == date(2025, 6, 1)
    file_brain = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        UID=file.UID()
    )[0]
    assert file_brain.career_file["grade"] == file.grade
    assert file_brain.career_file["hire_date"] == file.hire_date
