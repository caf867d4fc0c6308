"""Leave over HTTP: @leave (POST), @leave-balance, @absences, decisions
through @workflow; the wrong person is refused, refusals are French 400s."""

import base64
import pytest
import requests
from sirhp.policy.setuphandlers.pdf import tiny_pdf


def _session(login, password):
    session = requests.Session()
    session.auth = (login, password)
    session.headers.update({"Accept": "application/json"})
    return session


@pytest.fixture
def site(functional):
    return functional["portal"]


@pytest.fixture
def file_url(site, testdata):
    return f"{site.absolute_url()}/{testdata.path_of('pn_validated')}"


@pytest.fixture
def as_user(testdata):
    sessions = []

    def login(name):
        session = _session(name, testdata.PASSWORD)
        sessions.append(session)
        return session

    yield login
    for session in sessions:
        session.close()


LEAVE = {
    "leave_type": "annual",
    "start": "2026-11-09",
    "end": "2026-11-13",
    "reason": "Congé annuel",
}


def test_request_approve_balance_absences(site, file_url, as_user, testdata):
    officer = as_user(testdata.FILES["pn_validated"])
    response = officer.post(f"{file_url}/@leave", json=LEAVE, timeout=30)
    assert response.status_code == 201, response.text
    leave = response.json()
    assert leave["review_state"] == "requested"
    assert response.headers["Location"] == leave["@id"]

    # four eyes: the officer does not approve his or her own leave
    refused = officer.post(f"{leave['@id']}/@workflow/approve", json={}, timeout=30)
    assert refused.status_code in (400, 401, 403)
    commander = as_user("commander.pn")
    approved = commander.post(f"{leave['@id']}/@workflow/approve", json={}, timeout=30)
    assert approved.status_code == 200, approved.text
    assert approved.json()["review_state"] == "approved"

    balance = officer.get(f"{file_url}/@leave-balance?year=2026", timeout=30)
    assert balance.status_code == 200
    annual = next(i for i in balance.json()["items"] if i["leave_type"] == "annual")
    assert (annual["taken"], annual["remaining"]) == (5, 25)

    agency = f"{site.absolute_url()}/police-nationale"
    absent = as_user("clerk.pn").get(f"{agency}/@absences?date=2026-11-10", timeout=30)
    assert absent.status_code == 200
    assert [i["matricule"] for i in absent.json()["items"]] == [
        testdata.FILES["pn_validated"]
    ]
    unit = f"{agency}/dr-bamako/commissariat-1"
    absent = as_user("auditor").get(f"{unit}/@absences?date=2026-11-10", timeout=30)
    assert absent.status_code == 200, absent.text
    assert absent.json()["items_total"] == 1
    # commanders never list an agency or a unit (their home page lists
    # who is absent among their files)
    refused = commander.get(f"{unit}/@absences?date=2026-11-10", timeout=30)
    assert refused.status_code in (401, 403, 404)
    other = as_user("clerk.ocs").get(f"{agency}/@absences?date=2026-11-10", timeout=30)
    assert other.status_code in (401, 403, 404)


def test_refusals_are_french_400s(file_url, as_user, testdata):
    clerk = as_user("clerk.pn")
    assert clerk.post(f"{file_url}/@leave", json=LEAVE, timeout=30).status_code == 201
    overlap = clerk.post(f"{file_url}/@leave", json=LEAVE, timeout=30)
    assert overlap.status_code == 400
    assert overlap.json()["message"] == (
        "Cette période chevauche un congé déjà demandé ou approuvé "
        "(du 09/11/2026 au 13/11/2026)."
    )
    bad_date = clerk.post(
        f"{file_url}/@leave", json={**LEAVE, "start": "demain"}, timeout=30
    )
    assert bad_date.status_code == 400
    assert bad_date.json()["message"] == "« start » : date attendue (AAAA-MM-JJ)."
    agency = file_url.rsplit("/", 1)[0]
    day = clerk.get(f"{agency}/@absences?date=hier", timeout=30)
    assert day.status_code == 400
    assert day.json()["message"] == "« date » : date attendue (AAAA-MM-JJ)."
    year = clerk.get(f"{file_url}/@leave-balance?year=deux", timeout=30)
    assert year.status_code == 400
    assert year.json()["message"] == "« year » : année attendue (AAAA)."


def test_wrong_persons_refused(site, file_url, as_user, testdata):
    for name in ("commander.pn", "reviewer.pn", "auditor", "clerk.ocs"):
        response = as_user(name).post(f"{file_url}/@leave", json=LEAVE, timeout=30)
        assert response.status_code in (401, 403, 404), (name, response.status_code)
    draft = f"{site.absolute_url()}/{testdata.path_of('pn_draft')}"
    response = as_user("clerk.pn").post(f"{draft}/@leave", json=LEAVE, timeout=30)
    assert response.status_code in (401, 403)
    other = as_user(testdata.FILES["pn_validated2"])
    assert other.get(f"{file_url}/@leave-balance", timeout=30).status_code in (
        401,
        403,
        404,
    )
    anonymous = requests.get(
        f"{file_url}/@leave-balance", headers={"Accept": "application/json"}, timeout=30
    )
    assert anonymous.status_code in (401, 403, 404)


def test_generic_creation_refused_and_scan_hidden(site, file_url, as_user, testdata):
    clerk = as_user("clerk.pn")
    generic = clerk.post(file_url, json={"@type": "LeaveRequest", **LEAVE}, timeout=30)
    assert generic.status_code == 400
    assert generic.json()["message"].startswith("Un congé se demande depuis le dossier")
    pdf = base64.b64encode(tiny_pdf(["Certificat médical"])).decode()
    sick = {
        **LEAVE,
        "leave_type": "sick",
        "attachment": {"data": pdf, "filename": "c.pdf"},
    }
    response = clerk.post(f"{file_url}/@leave", json=sick, timeout=30)
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    assert clerk.get(url, timeout=30).json().get("attachment") is None
    shown = as_user("hrmanager.pn").get(url, timeout=30).json()
    assert shown["attachment"]["content-type"] == "application/pdf"
    download = f"{url}/@@download/attachment"
    assert clerk.get(download, allow_redirects=False, timeout=30).status_code in (
        302,
        401,
        403,
        404,
    )
    scan = as_user("hrmanager.pn").get(download, timeout=30)
    assert scan.status_code == 200 and scan.content.startswith(b"%PDF")
    bad = {**LEAVE, "start": "2027-01-04", "end": "2027-01-05"}
    bad["attachment"] = {
        "data": base64.b64encode(b"MZ\x90\x00").decode(),
        "filename": "x.exe",
    }
    refused = clerk.post(f"{file_url}/@leave", json=bad, timeout=30)
    assert refused.status_code == 400
    assert refused.json()["message"].startswith("Pièce justificative : ")
