"""A collective decision is a batch: its acts carry the decision's id, share
its one scan, and are submitted and validated together, all or nothing,
with the four eyes of the record workflow act by act; over REST the wrong
person is refused."""

from Acquisition import aq_base
from plone import api
from plone.app.testing import login
import pytest
import requests
from sirhp.content.base.errors import SirhpNotFound
from sirhp.content.careers import collective
from sirhp.content.careers import collective_batch
from sirhp.content.careers.api import CareerError
from sirhp.content.permissions import AddCareerEvent
from sirhp.policy.workflow import guards
from tests.careers.test_collective_act import _acts
from tests.careers.test_collective_act import _validated_files
from tests.careers.test_collective_act import DECISION
from tests.documents import files as sample_files
import transaction

JSON = {"Accept": "application/json"}


def _set_state(portal, obj, state):
    workflow = portal.portal_workflow
    with api.env.adopt_roles(["Manager"]):
        status = workflow.getStatusOf("sirhp_record_workflow", obj)
        workflow.setStatusOf(
            "sirhp_record_workflow", obj, dict(status, review_state=state)
        )
        workflow.getWorkflowById("sirhp_record_workflow").updateRoleMappingsFor(obj)
        obj.reindexObject()


def _file_decision(portal, files, **extra):
    login(portal, "clerk.pn")
    return collective.collective_act(
        agency=portal["police-nationale"],
        matricules=[f.matricule for f in files],
        values={"resulting_echelon": 3},
        **DECISION,
        **extra,
    )


def test_batch_of_fifty_submitted_then_validated_by_another(portal):
    files = _validated_files(portal, 50)
    agency = portal["police-nationale"]
    result = _file_decision(portal, files)
    assert {act.collective_decision for act in result.acts} == {result.id}
    items = collective_batch.decision(agency=agency, decision=result.id)
    assert len(items) == 50
    assert {i["state"] for i in items} == {"draft"}
    assert sorted(i["matricule"] for i in items) == sorted(f.matricule for f in files)
    # no initial version: the history starts with the batch's transitions
    repository = portal.portal_repository
    assert not repository.getHistoryMetadata(result.acts[0])
    assert collective_batch.submit_decision(agency=agency, decision=result.id) == 50
    # four eyes: the submitter never validates; nothing changed
    with pytest.raises(CareerError) as refused:
        collective_batch.validate_decision(agency=agency, decision=result.id)
    assert "le lot n'a pas été modifié" in refused.value.text()
    assert {api.content.get_state(a) for a in result.acts} == {"pending"}
    login(portal, "reviewer.pn")
    count = collective_batch.validate_decision(
        agency=agency, decision=result.id, comment="Arrêté vérifié"
    )
    assert count == 50
    assert {api.content.get_state(a) for a in result.acts} == {"validated"}
    # the acts drive the files now
    assert {f.echelon for f in files} == {3}


def test_create_submit_validate_all_or_nothing(portal, monkeypatch):
    files = _validated_files(portal, 50)
    agency = portal["police-nationale"]
    # create: the last file refuses its act -> no act anywhere
    with api.env.adopt_roles(["Manager"]):
        files[-1].manage_permission(AddCareerEvent, [], False)
    with pytest.raises(CareerError) as refused:
        _file_decision(portal, files)
    assert files[-1].Title() in refused.value.text()
    assert all(not _acts(f) for f in files)
    _set_state(portal, files[-1], "validated")  # its permissions back
    result = _file_decision(portal, files)
    # submit: one act the workflow refuses stops the batch
    stuck = result.acts[10]
    with monkeypatch.context() as patched:
        patched.setattr(
            guards, "may_submit", lambda obj: aq_base(obj) is not aq_base(stuck)
        )
        with pytest.raises(CareerError) as refused:
            collective_batch.submit_decision(agency=agency, decision=result.id)
    assert stuck.__parent__.Title() in refused.value.text()
    assert {api.content.get_state(a) for a in result.acts} == {"draft"}
    collective_batch.submit_decision(agency=agency, decision=result.id)
    # validate: a file no longer validated refuses its act -> nothing validated
    _set_state(portal, files[20], "pending")
    login(portal, "reviewer.pn")
    with pytest.raises(CareerError) as refused:
        collective_batch.validate_decision(agency=agency, decision=result.id)
    assert files[20].Title() in refused.value.text()
    assert {api.content.get_state(a) for a in result.acts} == {"pending"}
    assert {f.echelon for f in files} != {3}


def test_scan_stored_once(portal):
    files = _validated_files(portal, 3)
    scan = collective.decision_scan("arrete.pdf", sample_files.text_pdf())
    result = _file_decision(portal, files, scan=scan)
    transaction.savepoint(optimistic=True)  # oids as a commit gives them
    oids = {act.scan._p_oid for act in result.acts}
    blobs = {act.scan._blob._p_oid for act in result.acts}
    assert len(oids) == 1 and len(blobs) == 1
    assert result.acts[0].scan.data.startswith(b"%PDF-")


def test_bad_scan_refused_in_french(portal):
    with pytest.raises(CareerError) as refused:
        collective.decision_scan("x.pdf", sample_files.pdf_with_javascript())
    assert "Décision numérisée refusée" in refused.value.text()


def test_unknown_decision_and_transition(portal):
    agency = portal["police-nationale"]
    login(portal, "clerk.pn")
    with pytest.raises(SirhpNotFound):
        collective_batch.decision(agency=agency, decision="nope")
    with pytest.raises(CareerError) as refused:
        collective_batch.transition_decision(
            agency=agency, decision="nope", transition="archive"
        )
    assert "Action inconnue" in refused.value.text()


def test_rest_batch_and_refusals(functional, testdata):
    portal = functional["portal"]
    agency = portal["police-nationale"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    password = testdata.PASSWORD
    created = requests.post(
        f"{agency.absolute_url()}/@collective-act",
        json={**DECISION, "matricules": [file.matricule], "resulting_echelon": 2},
        headers=JSON,
        auth=("clerk.pn", password),
        timeout=30,
    )
    assert created.status_code == 201, created.text
    decision = created.json()["decision"]
    url = f"{agency.absolute_url()}/@collective-decision/{decision}"
    got = requests.get(url, headers=JSON, auth=("clerk.pn", password), timeout=30)
    assert got.status_code == 200, got.text
    assert [i["review_state"] for i in got.json()["items"]] == ["draft"]
    # the wrong persons: nothing seen, nothing moved
    for user in ("clerk.ocs", file.matricule, "commander.pn", None):
        auth = (user, password) if user else None
        seen = requests.get(url, headers=JSON, auth=auth, timeout=30)
        assert seen.status_code in (401, 403, 404), user
        moved = requests.post(f"{url}/submit", headers=JSON, auth=auth, timeout=30)
        assert moved.status_code in (400, 401, 403, 404), user
    submitted = requests.post(
        f"{url}/submit", headers=JSON, auth=("clerk.pn", password), timeout=30
    )
    assert submitted.status_code == 200, submitted.text
    own = requests.post(
        f"{url}/validate", headers=JSON, auth=("clerk.pn", password), timeout=30
    )
    assert own.status_code == 400
    assert "le lot n'a pas été modifié" in own.json()["message"]
    validated = requests.post(
        f"{url}/validate",
        json={"comment": "Vu"},
        headers=JSON,
        auth=("reviewer.pn", password),
        timeout=30,
    )
    assert validated.status_code == 200, validated.text
    assert validated.json()["count"] == 1
    transaction.begin()
    assert portal.unrestrictedTraverse(testdata.path_of("pn_validated")).echelon == 2
