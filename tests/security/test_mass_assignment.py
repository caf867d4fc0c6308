"""No mass assignment through REST: unknown keys 400, forbidden fields 403."""

from plone import api
import pytest
import requests
import transaction

JSON = {"Accept": "application/json"}


@pytest.fixture
def draft_url(functional, testdata):
    return f"{functional['portal'].absolute_url()}/{testdata.path_of('pn_draft')}"


@pytest.mark.parametrize(
    "payload",
    [
        {"review_state": "validated"},
        {"creators": ["clerk.ocs"]},
        {"owner": "clerk.ocs"},
        {"UID": "0" * 32},
        {"position": "Poste planté 42", "workflow_history": {}},
    ],
)
def test_unknown_keys_refused(functional, testdata, draft_url, payload):
    response = requests.patch(
        draft_url,
        json=payload,
        auth=("clerk.pn", testdata.PASSWORD),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 400
    assert "inconnu" in response.json()["message"]
    transaction.begin()
    obj = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    assert api.content.get_state(obj) == "draft"
    assert obj.position != "Poste planté 42" or "position" not in payload


def test_sensitive_field_write_forbidden_for_clerk(functional, testdata, draft_url):
    obj = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    before = obj.blood_group
    response = requests.patch(
        draft_url,
        json={"blood_group": "AB-", "position": "Enquêteur principal"},
        auth=("clerk.pn", testdata.PASSWORD),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 403
    assert "Groupe sanguin" in response.json()["message"]
    transaction.begin()
    obj = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    assert obj.blood_group == before
    assert obj.position != "Enquêteur principal"  # nothing stored half-way


def test_sensitive_field_write_allowed_for_hr_manager(functional, testdata, draft_url):
    response = requests.patch(
        draft_url,
        json={"blood_group": "AB-"},
        auth=("hrmanager.pn", testdata.PASSWORD),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 204
    transaction.begin()
    obj = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    assert obj.blood_group == "AB-"
