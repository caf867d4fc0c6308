"""``POST @workflow/<transition>``: a refused transition answers 400 with the
reason, in the answer shape of every SIRHP endpoint, and changes nothing."""

from plone import api
import requests
import transaction

JSON = {"Accept": "application/json"}


def _history(portal, path):
    transaction.begin()
    file = portal.unrestrictedTraverse(path)
    return api.content.get_state(file), len(
        file.workflow_history["sirhp_record_workflow"]
    )


def test_refused_transition(functional, testdata):
    portal = functional["portal"]
    path = testdata.path_of("pn_draft")
    before = _history(portal, path)
    response = requests.post(
        f"{portal.absolute_url()}/{path}/@workflow/validate",
        json={},
        headers=JSON,
        auth=("clerk.pn", testdata.PASSWORD),
        timeout=30,
    )
    assert response.status_code == 400
    body = response.json()
    message = body["message"]
    assert message.startswith("L'action « validate » n'est pas possible")
    assert body == {
        "type": "WorkflowException",
        "message": message,
        "error": {"type": "WorkflowException", "message": message},
    }
    assert _history(portal, path) == before


def test_allowed_transition(functional, testdata):
    portal = functional["portal"]
    path = testdata.path_of("pn_draft")
    response = requests.post(
        f"{portal.absolute_url()}/{path}/@workflow/submit",
        json={"comment": "Pièces complètes."},
        headers=JSON,
        auth=("clerk.pn", testdata.PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200, response.text[:300]
    assert response.json()["review_state"] == "pending"
    assert _history(portal, path)[0] == "pending"
