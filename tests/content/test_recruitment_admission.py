"""Admission of a concours' candidate: a draft file with the matricule of
the agency's sequence, the validated recruitment act, the diplomas as
documents, the training nomination once the file is validated; refusals
(no add permission, no training permission, second admission, grade of
another corps); the sequence skips taken numbers."""

from datetime import date
from plone import api
from plone.app.testing import login
from plone.namedfile.file import NamedBlobFile
import pytest
from sirhp.content.content import matricule_sequence as sequence
from sirhp.content.recruitment import admission
from sirhp.content.training import api as training_api
from tests.content.helpers import create_file
from tests.documents.files import text_pdf
from tests.training.helpers import planned_session
from types import SimpleNamespace

HIRED = date(2026, 11, 2)
UNIT = "police-nationale/dr-bamako/commissariat-1"


def candidate(nina="ML1234567890ABC", **overrides):
    values = {
        "id": "candidat-1",
        "last_name": "Coulibaly",
        "first_name": "Fanta",
        "nina": nina,
        "sex": "F",
        "birth_date": date(2001, 4, 12),
        "region_of_origin": "segou",
        "campaign_title": "Concours inspecteurs 2026",
        "diplomas": [
            NamedBlobFile(
                data=text_pdf(("Baccalauréat", "Série sciences")),
                contentType="application/pdf",
                filename="bac.pdf",
            )
        ],
    }
    values.update(overrides)
    return SimpleNamespace(**values)


def admit(portal, person, **overrides):
    arguments = {
        "agency": portal["police-nationale"],
        "candidate": person,
        "unit": portal.unrestrictedTraverse(UNIT),
        "hire_date": HIRED,
        "corps": "sous-officiers",
        "grade": None,
    }
    arguments.update(overrides)
    return admission.admit(**arguments)


def test_admitted_candidate_becomes_a_draft_file(portal):
    agency = portal["police-nationale"]
    login(portal, "clerk.pn")
    file = admit(portal, candidate())
    assert file.aq_parent.getPhysicalPath() == agency.getPhysicalPath()
    assert api.content.get_state(file) == "draft"
    # the sequence: prefix 1, set at install (before the test data's files,
    # 100001-100005): the first number of the block is free
    assert file.getId() == file.matricule == "100000C"
    assert agency.matricule_next == 100001
    assert (file.last_name, file.first_names, file.nina, file.sex) == (
        "Coulibaly",
        "Fanta",
        "ML1234567890ABC",
        "F",
    )
    assert file.birth_date == date(2001, 4, 12)
    assert file.region_of_origin == "segou"
    assert (file.corps, file.echelon, file.hire_date, file.status) == (
        "sous-officiers",
        1,
        HIRED,
        "active",
    )
    assert file.grade  # the corps' first grade
    assert file.unit.to_object.getId() == "commissariat-1"
    assert file.Creator() == "clerk.pn"
    (act,) = [o for o in file.objectValues() if o.portal_type == "CareerEvent"]
    assert act.event_type == "recruitment"
    assert act.event_date == HIRED
    assert (act.resulting_grade, act.resulting_echelon) == (file.grade, 1)
    assert act.reference == "Admission au concours « Concours inspecteurs 2026 »"
    assert api.content.get_state(act) == "validated"
    (document,) = [o for o in file.objectValues() if o.portal_type == "ScannedDocument"]
    assert document.document_type == "diplome"
    assert document.file.data.startswith(b"%PDF")
    assert api.content.get_state(document) == "draft"


def test_grade_must_belong_to_the_corps(portal):
    login(portal, "clerk.pn")
    with pytest.raises(admission.AdmissionError) as info:
        admit(portal, candidate(), grade="officier-1")
    assert info.value.field == "grade"
    assert "n'est pas un grade du corps" in info.value.text()
    with pytest.raises(admission.AdmissionError) as info:
        admit(portal, candidate(), corps="inspecteurs")
    assert info.value.field == "corps"


def test_refused_without_the_add_permission(portal):
    agency = portal["police-nationale"]
    before = agency.matricule_next
    for user in ("commander.pn", "clerk.ocs", "auditor"):
        login(portal, user)
        with pytest.raises(admission.AdmissionForbidden) as info:
            admit(portal, candidate())
        assert info.value.status == 403
        assert info.value.text() == (
            "Vous ne pouvez pas créer de dossier individuel dans cette agence."
        )
    assert agency.matricule_next == before  # no number used


def test_second_admission_refused(portal):
    login(portal, "clerk.pn")
    first = admit(portal, candidate())
    login(portal, "hrmanager.pn")
    with pytest.raises(admission.AdmissionError) as info:
        admit(portal, candidate(first_name="Fanta bis"))
    assert info.value.field == "nina"
    assert info.value.text() == (
        "Ce candidat est déjà admis : son NINA figure sur le dossier "
        f"{first.matricule} de l'agence."
    )


def test_candidate_without_valid_nina_refused(portal):
    login(portal, "clerk.pn")
    with pytest.raises(admission.AdmissionError) as info:
        admit(portal, candidate(nina="123"))
    assert info.value.field == "nina"


def test_nominated_to_the_session_once_validated(portal, testdata):
    _agency, session, _files = planned_session(portal, testdata)  # as hrmanager.pn
    file = admit(portal, candidate(diplomas=[]), session=session)
    assert session.participants in (None, {}) or file.UID() not in session.participants
    login(portal, "clerk.pn")
    api.content.transition(obj=file, transition="submit")
    login(portal, "reviewer.pn")  # may not manage training: nominated as the system
    api.content.transition(obj=file, transition="validate")
    assert file.UID() in session.participants
    assert not hasattr(file, admission.SESSION)
    # the recruitment act accounts for the file: nothing rebuilt on validation
    acts = [o for o in file.objectValues() if o.portal_type == "CareerEvent"]
    assert [a.event_type for a in acts] == ["recruitment"]
    # nominated once only
    with pytest.raises(training_api.TrainingError):
        login(portal, "hrmanager.pn")
        training_api.nominate(session=session, file=file)


def test_session_needs_the_training_permission(portal, testdata):
    _agency, session, _files = planned_session(portal, testdata)
    login(portal, "clerk.pn")
    with pytest.raises(admission.AdmissionForbidden) as info:
        admit(portal, candidate(), session=session)
    assert info.value.field == "session"


def test_sequence_skips_taken_numbers(portal):
    agency = portal["ocs"]
    highest = sequence.highest_taken("8")
    assert highest is not None  # the test data's OCS files
    with api.env.adopt_roles(["Manager"]):
        agency.matricule_next = 800001  # behind the files already there
    first = sequence.next_matricule(agency)
    assert sequence.number_of(first) == highest + 1
    assert agency.matricule_next == highest + 2
    # a number taken since (a file typed by hand) is skipped too
    taken = sequence.matricule_of(highest + 2)
    create_file(
        portal,
        user="clerk.ocs",
        agency="ocs",
        matricule=taken,
        nina="OCS000000000001",
        unit_path="ocs/antenne-sikasso",
    )
    assert sequence.number_of(sequence.next_matricule(agency)) == highest + 3


def test_sequence_refusals(portal):
    agency = portal["ocs"]
    with api.env.adopt_roles(["Manager"]):
        agency.matricule_prefix = None
    with pytest.raises(sequence.MatriculeSequenceError) as info:
        sequence.next_matricule(agency)
    assert "n'a pas de préfixe de matricule" in info.value.text()
    with api.env.adopt_roles(["Manager"]):
        agency.matricule_prefix = "899"
        agency.matricule_next = 900000
    with pytest.raises(sequence.MatriculeSequenceError) as info:
        sequence.next_matricule(agency)
    assert "Plus aucun matricule libre commençant par 899" in info.value.text()


def test_format_and_block():
    assert sequence.matricule_of(100001) == "100001J"  # the demo's key letter
    assert sequence.block("1") == range(100000, 200000)
    assert sequence.block("0") == range(1, 100000)
    assert sequence.block("899") == range(899000, 900000)
    assert sequence.number_of("104582M") == 104582
    assert sequence.number_of("PN-1") is None
