"""Collective acts: one decision, one career act per officer, all or
nothing, in process and over REST (the wrong person refused, French 400s)."""

from plone import api
from plone.app.testing import login
import pytest
import requests
from sirhp.content.careers import collective
from sirhp.content.careers.api import CareerError
from tests.content.helpers import create_file
import transaction

DECISION = {
    "event_type": "promotion",
    "event_date": "2026-10-01",
    "reference": "Arrêté n°2026-0042/MSPC",
}


def _validated_files(portal, count):
    """``count`` validated files of the Police nationale (state set by the
    workflow tool: the four-eyes path is tested elsewhere)."""
    workflow = portal.portal_workflow
    files = []
    for number in range(count):
        file = create_file(
            portal,
            matricule=f"{700000 + number}A",
            nina=f"COL{number:012d}",
            email=f"agent{number}@example.ml",
        )
        with api.env.adopt_roles(["Manager"]):
            status = workflow.getStatusOf("sirhp_record_workflow", file)
            workflow.setStatusOf(
                "sirhp_record_workflow", file, dict(status, review_state="validated")
            )
            workflow.getWorkflowById("sirhp_record_workflow").updateRoleMappingsFor(
                file
            )
            file.reindexObject()
        files.append(file)
    return files


def _acts(file):
    return [o for o in file.objectValues() if o.portal_type == "CareerEvent"]


def test_fifty_officers_promoted_by_one_decision(portal):
    files = _validated_files(portal, 50)
    login(portal, "clerk.pn")
    result = collective.collective_act(
        agency=portal["police-nationale"],
        matricules=[f.matricule for f in files],
        values={"resulting_grade": "officier-principal"},
        **DECISION,
    )
    assert len(result.acts) == 50
    for file in files:
        (act,) = _acts(file)
        assert act.event_type == "promotion"
        assert act.reference == DECISION["reference"]
        assert act.resulting_grade == "officier-principal"


def test_all_or_nothing(portal, testdata):
    files = _validated_files(portal, 5)
    # a file whose act is refused (archived: no career act may be added)
    last = files[-1]
    with api.env.adopt_roles(["Manager"]):
        workflow = portal.portal_workflow
        status = workflow.getStatusOf("sirhp_record_workflow", last)
        workflow.setStatusOf(
            "sirhp_record_workflow", last, dict(status, review_state="archived")
        )
        workflow.getWorkflowById("sirhp_record_workflow").updateRoleMappingsFor(last)
        last.reindexObject()
    login(portal, "clerk.pn")
    with pytest.raises(CareerError) as refused:
        collective.collective_act(
            agency=portal["police-nationale"],
            matricules=[f.matricule for f in files],
            **DECISION,
        )
    assert (
        "n'a été enregistré" in refused.value.text()
        or "Matricule" in refused.value.text()
    )
    assert all(not _acts(f) for f in files)


@pytest.mark.parametrize(
    "change, words",
    [
        ({"matricules": []}, "liste des matricules"),
        ({"matricules": ["999999Z"]}, "Matricule inconnu"),
        ({"event_type": "coronation"}, "Nature de l'acte inconnue"),
        ({"event_date": "01/10/2026"}, "Date d'effet invalide"),
        ({"reference": ""}, "référence de la décision"),
    ],
)
def test_bad_input_refused_in_french(portal, testdata, change, words):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    login(portal, "clerk.pn")
    body = {**DECISION, "matricules": [file.matricule], **change}
    before = len(_acts(file))
    with pytest.raises(CareerError) as refused:
        collective.collective_act(agency=portal["police-nationale"], **body)
    assert words in refused.value.text()
    assert len(_acts(file)) == before


def test_rest_allowed_and_refused(functional, testdata):
    portal = functional["portal"]
    url = f"{portal['police-nationale'].absolute_url()}/@collective-act"
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    body = {**DECISION, "matricules": [file.matricule], "resulting_echelon": 2}
    headers = {"Accept": "application/json"}
    password = testdata.PASSWORD
    for user in ("clerk.ocs", file.matricule, "commander.pn", "auditor"):
        response = requests.post(
            url, json=body, headers=headers, auth=(user, password), timeout=30
        )
        assert response.status_code in (401, 403), user
    anonymous = requests.post(url, json=body, headers=headers, timeout=30)
    assert anonymous.status_code == 401
    bad = requests.post(
        url,
        json=dict(body, event_type="x"),
        headers=headers,
        auth=("clerk.pn", password),
        timeout=30,
    )
    assert bad.status_code == 400
    assert "Nature de l'acte inconnue" in bad.json()["message"]
    transaction.begin()
    before = _acts(portal.unrestrictedTraverse(testdata.path_of("pn_validated")))
    ok = requests.post(
        url, json=body, headers=headers, auth=("clerk.pn", password), timeout=30
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["count"] == 1
    transaction.begin()
    after = _acts(portal.unrestrictedTraverse(testdata.path_of("pn_validated")))
    (act,) = [a for a in after if a.getId() not in {b.getId() for b in before}]
    assert act.resulting_echelon == 2
