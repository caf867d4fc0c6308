"""@@resultats, GET @recruitment-results and POST @admissions over HTTP:
refused to the wrong people (auditors before publication, the recruitment
officer for files, the other agency), French 400s, the same data as the
API."""

from datetime import date
from plone import api
import requests
from sirhp.content.recruitment import api as recruitment
from sirhp.policy.testdata import PASSWORD
from tests.recruitment.conftest import candidate_data
import transaction

SECRET_NINA = "123456789012345"


def _campaign(portal):
    with api.env.adopt_user(username="recruiter.pn"):
        campaign = api.content.create(
            container=portal["police-nationale"],
            type="RecruitmentCampaign",
            id="concours",
            title="Concours",
            corps="sous-officiers",
            grade="agent",
            posts=1,
            quotas=["segou|1"],
            start=date(2026, 11, 1),
            end=date(2026, 12, 31),
        )
        candidate = recruitment.add_candidate(
            campaign=campaign, **candidate_data(SECRET_NINA, last_name="SECRET")
        )
        api.content.transition(obj=campaign, transition="open")
        scores = {s.code: 15 for s in recruitment.stages_of(campaign)}
        recruitment.set_scores(candidate=candidate, scores=scores)
        api.content.transition(obj=campaign, transition="close")
        api.content.transition(obj=campaign, transition="propose_results")
    transaction.commit()
    return campaign


def _ask(url, login, method="GET", body=None, rest=True):
    headers = {"Accept": "application/json"} if rest else {}
    return requests.request(
        method,
        url,
        auth=(login, PASSWORD) if login else None,
        headers=headers,
        json=body,
        allow_redirects=False,
        timeout=60,
    )


def _refused(answer):
    if answer.status_code == 302:  # a page: to the login form
        assert "require_login" in answer.headers["Location"]
    else:
        assert answer.status_code in (401, 403, 404), answer.status_code
    assert "SECRET" not in answer.text


def test_results_and_admissions_over_http(functional):
    portal = functional["portal"]
    campaign = _campaign(portal)
    url = campaign.absolute_url()
    rest = url + "/@recruitment-results"
    page = url + "/@@resultats"
    answer = _ask(rest, "recruiter.pn")
    assert answer.status_code == 200
    assert answer.json()["stored"] is True
    assert [r["title"] for r in answer.json()["main"]] == ["SECRET Awa"]
    assert "SECRET" in _ask(page, "hrmanager.pn", rest=False).text
    # before publication: not for auditors; never for the others
    for login in ("auditor", "clerk.pn", "commander.pn", "recruiter.ocs", None):
        _refused(_ask(rest, login))
        _refused(_ask(page, login, rest=False))
    _refused(_ask(url + "/@admissions", "auditor", "POST", {"hire_date": "2026-11-02"}))
    not_yet = _ask(url + "/@admissions", "hrmanager.pn", "POST", {"hire_date": "x"})
    assert not_yet.status_code == 400
    assert not_yet.json()["message"] == (
        "Les dossiers des admis se créent une fois les résultats publiés."
    )
    with api.env.adopt_user(username="hrmanager.pn"):
        api.content.transition(obj=campaign, transition="publish")
    transaction.commit()
    assert _ask(rest, "auditor").status_code == 200
    assert _ask(page, "auditor", rest=False).status_code == 200
    for login in ("clerk.pn", "commander.pn", "officer", "hrmanager.ocs", None):
        _refused(_ask(rest, login))
    bad = _ask(url + "/@admissions", "hrmanager.pn", "POST", {"hire_date": "2/11"})
    assert bad.status_code == 400
    assert bad.json()["message"] == "Date de recrutement invalide (AAAA-MM-JJ)."
    # the recruitment officer may not make staff files
    refused = _ask(
        url + "/@admissions", "recruiter.pn", "POST", {"hire_date": "2026-11-02"}
    )
    assert refused.status_code == 403
    made = _ask(
        url + "/@admissions", "hrmanager.pn", "POST", {"hire_date": "2026-11-02"}
    )
    assert made.status_code == 200, made.text
    assert [c["matricule"] for c in made.json()["created"]] == ["100000C"]
    again = _ask(
        url + "/@admissions", "hrmanager.pn", "POST", {"hire_date": "2026-11-02"}
    )
    assert again.json()["created"] == []
    assert [s["matricule"] for s in again.json()["skipped"]] == ["100000C"]
