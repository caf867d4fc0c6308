"""Annual evaluation over HTTP: POST @evaluation (the unit's commander
fills the marks, the mark is computed), refused to the wrong people, French
400s; the answers over @workflow; the marks never reach someone who may not
read them (GET, @search with every metadata)."""

from datetime import date
from plone.app.testing import login
import pytest
import requests
from sirhp.content.evaluation import api as evaluation_api
import transaction

MARKER = "qzevaluationmarkerqz"


@pytest.fixture
def site(functional):
    return functional["portal"]


@pytest.fixture
def evaluation_url(site, testdata):
    login(site, "hrmanager.pn")
    campaign = evaluation_api.create_campaign(
        agency=site["police-nationale"],
        year=2026,
        grid={"discipline": 40, "efficacite": 60},
        evaluation_deadline=date(2026, 12, 15),
    )
    evaluation_api.create_evaluations(campaign=campaign)
    file = site.unrestrictedTraverse(testdata.path_of("pn_validated"))
    evaluation = file[evaluation_api.evaluation_id(campaign)]
    transaction.commit()
    return evaluation.absolute_url()


@pytest.fixture
def campaign_url(site, evaluation_url):
    return f"{site.absolute_url()}/police-nationale/evaluation-2026"


@pytest.fixture
def as_user(testdata):
    sessions = []

    def login_as(name):
        session = requests.Session()
        session.auth = (name, testdata.PASSWORD)
        session.headers.update({"Accept": "application/json"})
        sessions.append(session)
        return session

    yield login_as
    for session in sessions:
        session.close()


BODY = {"marks": {"discipline": 12, "efficacite": 15}, "assessment": MARKER}


def test_commander_fills_officer_answers(site, evaluation_url, as_user, testdata):
    officer = as_user(testdata.FILES["pn_validated"])
    commander = as_user("commander.pn")
    for user in (
        officer,
        as_user("hrmanager.pn"),
        as_user("clerk.pn"),
        as_user("commander2.pn"),
        as_user(testdata.FILES["pn_validated2"]),
        as_user("clerk.ocs"),
    ):
        refused = user.post(f"{evaluation_url}/@evaluation", json=BODY, timeout=30)
        assert refused.status_code in (401, 403, 404), refused.text
        assert MARKER not in refused.text
    filled = commander.post(f"{evaluation_url}/@evaluation", json=BODY, timeout=30)
    assert filled.status_code == 200, filled.text
    assert filled.json()["mark"] == "13.80"
    submitted = commander.post(
        f"{evaluation_url}/@workflow/submit", json={}, timeout=30
    )
    assert submitted.status_code == 200, submitted.text
    # contest without reasons: refused
    refused = officer.post(f"{evaluation_url}/@workflow/contest", json={}, timeout=30)
    assert refused.status_code == 400
    assert "motifs de la contestation" in refused.text
    seen = officer.get(evaluation_url, timeout=30)
    assert seen.status_code == 200
    assert seen.json()["mark"] == "13.80"
    done = officer.post(
        f"{evaluation_url}/@workflow/acknowledge", json={"comment": "Vu."}, timeout=30
    )
    assert done.status_code == 200, done.text
    assert done.json()["review_state"] == "acknowledged"


def test_refusals_are_french_400s(evaluation_url, as_user):
    commander = as_user("commander.pn")
    bad = commander.post(
        f"{evaluation_url}/@evaluation",
        json={"marks": {"discipline": 25}},
        timeout=30,
    )
    assert bad.status_code == 400
    assert bad.json()["message"] == (
        "Note invalide pour « discipline » : un nombre de 0 à 20, deux "
        "décimales au plus, pour un critère de la grille."
    )
    shape = commander.post(
        f"{evaluation_url}/@evaluation", json={"marks": [1]}, timeout=30
    )
    assert shape.status_code == 400


def test_marks_never_leak(site, evaluation_url, as_user, testdata):
    commander = as_user("commander.pn")
    commander.post(f"{evaluation_url}/@evaluation", json=BODY, timeout=30)
    commander.post(f"{evaluation_url}/@workflow/submit", json={}, timeout=30)
    for name in (
        "clerk.pn",
        "reviewer.pn",
        "commander2.pn",
        "clerk.ocs",
        testdata.FILES["pn_validated2"],
    ):
        user = as_user(name)
        got = user.get(evaluation_url, timeout=30)
        assert got.status_code in (401, 403, 404), name
        assert MARKER not in got.text
        found = user.get(
            f"{site.absolute_url()}/@search?portal_type=Evaluation"
            "&metadata_fields=_all&SearchableText=" + MARKER,
            timeout=30,
        )
        assert found.json()["items_total"] == 0, name
        listed = user.get(
            f"{site.absolute_url()}/@search?portal_type=Evaluation&metadata_fields=_all",
            timeout=30,
        )
        assert "13.80" not in listed.text, name
    # the readers of the file find it, never its marks in the metadata
    hr = as_user("hrmanager.pn").get(
        f"{site.absolute_url()}/@search?portal_type=Evaluation&metadata_fields=_all",
        timeout=30,
    )
    assert hr.status_code == 200
    assert hr.json()["items_total"] == 2  # officers A and B of the PN
    assert MARKER not in hr.text and "13.80" not in hr.text
    # the assessment is not searchable text
    text = as_user("hrmanager.pn").get(
        f"{site.absolute_url()}/@search?SearchableText=" + MARKER, timeout=30
    )
    assert text.json()["items_total"] == 0


def test_campaign_status_for_hr_only(campaign_url, evaluation_url, as_user, testdata):
    commander = as_user("commander.pn")
    commander.post(f"{evaluation_url}/@evaluation", json=BODY, timeout=30)
    commander.post(f"{evaluation_url}/@workflow/submit", json={}, timeout=30)
    status = as_user("hrmanager.pn").get(f"{campaign_url}/@campaign-status", timeout=30)
    assert status.status_code == 200, status.text
    data = status.json()
    assert (data["total"], data["submitted"], data["completion"]) == (2, 1, 0.5)
    assert data["by_evaluator"]["commander.pn"]["submitted"] == 1
    assert data["raters"]["commander.pn"]["count"] == 1
    assert data["raters"]["commander.pn"]["mean"] == 13.8
    assert data["contest_rate"] == 0.0
    for name in (
        "commander.pn",
        "clerk.pn",
        "hrmanager.ocs",
        testdata.FILES["pn_validated"],
    ):
        refused = as_user(name).get(f"{campaign_url}/@campaign-status", timeout=30)
        assert refused.status_code in (401, 403, 404), name
        assert "13.8" not in refused.text
