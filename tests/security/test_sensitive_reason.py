"""Medical fields need a consultation reason, logged (browser and REST)."""

import pytest
import re
import requests
from sirhp.policy.audit import reasons
from tests.security.audit_helpers import clear_login_failures
from tests.security.audit_helpers import events_since
from tests.security.audit_helpers import JSON
from tests.security.audit_helpers import last_id

NOTES = "Note médicale de test du motif"


@pytest.fixture
def file_url(functional, testdata):
    from plone import api
    import transaction

    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
        file.medical_notes = NOTES
        transaction.commit()
    yield file.absolute_url()
    clear_login_failures()


def session(login, password):
    result = requests.Session()
    result.auth = (login, password)
    return result


def test_browser_asks_a_reason_then_shows_and_logs(file_url, testdata):
    hr = session("hrmanager.pn", testdata.PASSWORD)
    page = hr.get(file_url, timeout=30)
    assert page.status_code == 200
    assert NOTES not in page.text
    assert 'name="reason"' in page.text and "Enquête administrative" in page.text
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    start = last_id()
    # no token: refused (CSRF)
    refused = hr.post(f"{file_url}/@@motif-consultation", data={"reason": "enquete"})
    assert refused.status_code == 403 or NOTES not in hr.get(file_url).text
    # "autre" without text: refused, nothing shown
    hr.post(
        f"{file_url}/@@motif-consultation",
        data={"reason": "autre", "_authenticator": token},
        timeout=30,
    )
    assert NOTES not in hr.get(file_url, timeout=30).text
    response = hr.post(
        f"{file_url}/@@motif-consultation",
        data={
            "reason": "autre",
            "reason_text": "Vérification d'aptitude",
            "_authenticator": token,
        },
        timeout=30,
    )
    assert response.status_code == 200
    assert reasons.COOKIE in hr.cookies
    assert NOTES in hr.get(file_url, timeout=30).text
    (declared,) = events_since(start, action="reason")
    assert declared["reason"] == "autre: Vérification d'aptitude"
    shown = events_since(start, action="view_sensitive")
    assert shown and shown[-1]["user_id"] == "hrmanager.pn"
    assert shown[-1]["reason"] == "autre: Vérification d'aptitude"
    assert shown[-1]["detail"] == "web"


def test_cookie_of_another_user_or_forged_is_ignored(file_url, testdata):
    hr = session("hrmanager.pn", testdata.PASSWORD)
    page = hr.get(file_url, timeout=30)
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    hr.post(
        f"{file_url}/@@motif-consultation",
        data={"reason": "enquete", "_authenticator": token},
        timeout=30,
    )
    cookie = hr.cookies[reasons.COOKIE]
    auditor = session("auditor", testdata.PASSWORD)
    page = auditor.get(file_url, cookies={reasons.COOKIE: cookie}, timeout=30)
    assert NOTES not in page.text  # bound to hrmanager.pn
    forged = cookie.rsplit(".", 1)[0] + "." + "0" * 64
    page = hr.get(file_url, cookies={reasons.COOKIE: forged}, timeout=30)
    # the session's own cookie still wins in requests' jar; check a clean one
    clean = session("hrmanager.pn", testdata.PASSWORD)
    page = clean.get(file_url, cookies={reasons.COOKIE: forged}, timeout=30)
    assert NOTES not in page.text


def test_rest_without_reason_omits_the_fields(file_url, testdata):
    start = last_id()
    data = requests.get(
        file_url, headers=JSON, auth=("auditor", testdata.PASSWORD), timeout=30
    ).json()
    assert "medical_notes" not in data and "blood_group" not in data
    assert set(data["sensitive_fields_omitted"]) == {"blood_group", "medical_notes"}
    assert events_since(start, action="view_sensitive") == []


def test_rest_sensitive_asked_without_reason_is_403(file_url, testdata):
    response = requests.get(
        file_url + "?sensitive=1",
        headers=JSON,
        auth=("auditor", testdata.PASSWORD),
        timeout=30,
    )
    assert response.status_code == 403
    assert "Motif de consultation requis" in response.json()["message"]
    assert NOTES not in response.text


@pytest.mark.parametrize(
    "headers,query,reason",
    [
        ({"X-SIRHP-Reason": "controle"}, "", "controle"),
        (
            {"X-SIRHP-Reason": "autre: Inspection annuelle"},
            "",
            "autre: Inspection annuelle",
        ),
        ({}, "?reason=aptitude&sensitive=1", "aptitude"),
    ],
)
def test_rest_with_reason(file_url, testdata, headers, query, reason):
    start = last_id()
    response = requests.get(
        file_url + query,
        headers={**JSON, **headers},
        auth=("auditor", testdata.PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200
    assert response.json()["medical_notes"] == NOTES
    (event,) = events_since(start, action="view_sensitive")
    assert event["reason"] == reason and event["detail"] == "api"


@pytest.mark.parametrize("value", ["autre", "inconnu", "autre:   "])
def test_rest_invalid_reason_is_no_reason(file_url, testdata, value):
    data = requests.get(
        file_url,
        headers={**JSON, "X-SIRHP-Reason": value},
        auth=("auditor", testdata.PASSWORD),
        timeout=30,
    ).json()
    assert "medical_notes" not in data


def test_officer_reads_own_file_without_reason(file_url, testdata):
    officer = testdata.FILES["pn_validated"]
    start = last_id()
    data = requests.get(
        file_url, headers=JSON, auth=(officer, testdata.PASSWORD), timeout=30
    ).json()
    assert data["medical_notes"] == NOTES
    page = requests.get(file_url, auth=(officer, testdata.PASSWORD), timeout=30)
    assert NOTES in page.text
    events = events_since(start, action="view_sensitive")
    assert {event["reason"] for event in events} == {"interesse"}


def test_no_permission_no_form(file_url, testdata):
    page = requests.get(file_url, auth=("clerk.pn", testdata.PASSWORD), timeout=30)
    assert 'name="reason"' not in page.text and NOTES not in page.text


def test_reason_rules():
    assert reasons.parse("ENQUETE") == ("enquete", "")
    assert reasons.parse("autre:  x  y ") == ("autre", "x y")
    assert reasons.parse("autre") is None
    assert reasons.parse("") is None
    assert len(reasons.normalise("autre", "x" * 1000)[1]) == reasons.MAX_TEXT


def test_a_link_cannot_give_the_reason(file_url, testdata):
    """?reason= is for REST clients; in the browser only the form gives one."""
    page = requests.get(
        file_url + "?reason=enquete",
        auth=("hrmanager.pn", testdata.PASSWORD),
        timeout=30,
    )
    assert NOTES not in page.text and 'name="reason"' in page.text
