"""Leave pages over HTTP: the request form (officer; refusals shown in
French; the wrong person refused), the link from « Mon dossier », the
commander's absentees on the home page."""

from plone import api
from plone.app.testing import login
import re
import requests
from sirhp.content.leave import api as leave_api
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.clock import clock_on
import transaction

TOKEN = re.compile(r'name="_authenticator" value="([^"]+)"')


def _clerk_requests(portal, testdata, start, end):
    """Annual leave of officer A, requested by clerk.pn (logged in after)."""
    login(portal, "clerk.pn")
    return leave_api.request_leave(
        file=portal.unrestrictedTraverse(testdata.path_of("pn_validated")),
        leave_type="annual",
        start=start,
        end=end,
        reason="Congé annuel",
        today=REFERENCE_DATE,
    )


def _session(name, password):
    session = requests.Session()
    session.auth = (name, password)
    return session


def test_officer_requests_from_the_form(functional, testdata):
    portal = functional["portal"]
    file_url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}"
    officer = _session(testdata.FILES["pn_validated"], testdata.PASSWORD)
    mine = officer.get(f"{portal.absolute_url()}/@@mon-dossier", timeout=30)
    assert f"{file_url}/@@demander-conge" in mine.text
    page = officer.get(f"{file_url}/@@demander-conge", timeout=30)
    assert page.status_code == 200
    assert "Soldes de congé" in page.text and "Congé annuel" in page.text
    data = {
        "leave_type": "annual",
        "start": "2026-11-09",
        "end": "2026-11-13",
        "reason": "Congé annuel",
        "_authenticator": TOKEN.search(page.text).group(1),
    }
    sent = officer.post(
        f"{file_url}/@@demander-conge", data=data, allow_redirects=False, timeout=30
    )
    assert sent.status_code == 302
    assert sent.headers["Location"].startswith(f"{file_url}/")
    again = officer.post(f"{file_url}/@@demander-conge", data=data, timeout=30)
    assert again.status_code == 200
    assert "Cette période chevauche un congé déjà demandé ou approuvé" in again.text
    for name in ("commander.pn", "auditor", "reviewer.pn"):
        refused = _session(name, testdata.PASSWORD).get(
            f"{file_url}/@@demander-conge", allow_redirects=False, timeout=30
        )
        assert refused.status_code in (302, 401, 403, 404), name
        assert "Soldes de congé" not in refused.text


def test_commander_home_lists_absentees(functional, testdata):
    portal = functional["portal"]
    leave = _clerk_requests(portal, testdata, "2026-11-02", "2026-11-06")
    login(portal, "commander.pn")
    api.content.transition(obj=leave, transition="approve")
    transaction.commit()
    commander = _session("commander.pn", testdata.PASSWORD)
    with clock_on(REFERENCE_DATE.replace(day=3)):
        home = commander.get(f"{portal.absolute_url()}/@@sirhp-accueil", timeout=30)
    assert home.status_code == 200
    assert "Absents aujourd'hui" in home.text or "Absents aujourd&#x27;hui" in home.text
    assert testdata.FILES["pn_validated"] in home.text.split('id="absents"')[1]
    # the week (Monday 2 to Sunday 8 November 2026) lists the leave too
    week = home.text.split('id="absents-semaine"')[1]
    assert testdata.FILES["pn_validated"] in week and "02/11/2026 → 06/11/2026" in week
    # REST: a period (date..end), as HR managers ask it for the agency
    hr = _session("hrmanager.pn", testdata.PASSWORD)

    def absent_during(start, end):
        answer = hr.get(
            f"{portal.absolute_url()}/police-nationale/@absences",
            params={"date": start, "end": end},
            headers={"Accept": "application/json"},
            timeout=30,
        )
        assert answer.status_code == 200
        return [item["matricule"] for item in answer.json()["items"]]

    assert testdata.FILES["pn_validated"] in absent_during("2026-11-06", "2026-11-08")
    assert absent_during("2026-11-09", "2026-11-15") == []


def test_leave_page_and_its_transitions(functional, testdata):
    portal = functional["portal"]
    leave = _clerk_requests(portal, testdata, "2026-11-09", "2026-11-13")
    transaction.commit()
    url = leave.absolute_url()
    commander = _session("commander.pn", testdata.PASSWORD)
    page = commander.get(url, timeout=30)
    assert page.status_code == 200
    assert "sirhp-transition?transition=approve" in page.text
    form = commander.get(f"{url}/@@sirhp-transition?transition=approve", timeout=30)
    assert form.status_code == 200
    requester = _session("clerk.pn", testdata.PASSWORD)
    assert "transition=approve" not in requester.get(url, timeout=30).text
    stranger = _session("commander2.pn", testdata.PASSWORD)
    assert stranger.get(url, allow_redirects=False, timeout=30).status_code in (
        302,
        401,
        403,
        404,
    )


def test_balances_of_another_year(functional, testdata):
    """``?year=`` shows that year's balances (a leave requested for next
    year counts there); a year that is not one is refused in French."""
    portal = functional["portal"]
    file_url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}"
    officer = _session(testdata.FILES["pn_validated"], testdata.PASSWORD)
    page = officer.get(f"{file_url}/@@demander-conge?year=2031", timeout=30)
    assert page.status_code == 200
    assert re.search(r"Soldes de congé</span>\s*2031", page.text)
    bad = officer.get(f"{file_url}/@@demander-conge?year=twenty", timeout=30)
    assert bad.status_code == 200
    assert 'id="leave-error"' in bad.text and "année attendue (AAAA)" in bad.text


def test_home_lists_leave_to_decide(functional, testdata):
    """The unit's commander and the HR manager see the request on their
    home; the requester, another unit's commander and a reviewer do not."""
    portal = functional["portal"]
    leave = _clerk_requests(portal, testdata, "2026-11-09", "2026-11-10")
    transaction.commit()
    url = leave.absolute_url()
    for name, listed in (
        ("commander.pn", True),
        ("hrmanager.pn", True),
        ("commander2.pn", False),
        ("clerk.pn", False),
        ("reviewer.pn", False),
    ):
        home = _session(name, testdata.PASSWORD).get(
            f"{portal.absolute_url()}/@@sirhp-accueil", timeout=30
        )
        assert home.status_code == 200, name
        assert (url in home.text) is listed, name
