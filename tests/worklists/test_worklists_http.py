"""@submit-all and @validate-all over HTTP: wiring, the permission of each
(the wrong person refused, nothing leaked), French 400s on bad input."""

from datetime import date
from plone import api
import pytest
import requests
import transaction


@pytest.fixture
def site(functional):
    return functional["portal"]


@pytest.fixture
def file_url(site, testdata):
    """The PN draft file, with a draft act whose title is checked for leaks."""
    file = site.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with api.env.adopt_user(username="clerk.pn"):
        api.content.create(
            container=file,
            type="CareerEvent",
            id="affectation-secrete",
            event_type="assignment",
            event_date=date(2024, 1, 1),
            reference="Décision n°2024-77",
        )
    transaction.commit()
    return file.absolute_url()


@pytest.fixture
def as_user(testdata):
    sessions = []

    def login(name):
        session = requests.Session()
        if name:
            session.auth = (name, testdata.PASSWORD)
        session.headers.update({"Accept": "application/json"})
        sessions.append(session)
        return session

    yield login
    for session in sessions:
        session.close()


def _refused(session, url, testdata, body=None):
    response = session.post(url, json=body or {}, timeout=60)
    # 404: who may not see the file is told it does not exist (hardening)
    assert response.status_code in (401, 403, 404), (url, response.status_code)
    # nothing of the file or its records in the answer (the URL asked aside)
    assert '"title"' not in response.text and "2024-77" not in response.text


def test_submit_all_then_validate_all(file_url, as_user, testdata):
    submit, validate = f"{file_url}/@submit-all", f"{file_url}/@validate-all"
    officer = testdata.FILES["pn_validated"]
    for name in (officer, "clerk.ocs", "reviewer.ocs", None):
        _refused(as_user(name), submit, testdata)
        _refused(as_user(name), validate, testdata)
    clerk = as_user("clerk.pn")
    _refused(clerk, validate, testdata)  # a clerk does not validate

    bad = clerk.post(submit, json={"comment": 5}, timeout=60)
    assert bad.status_code == 400
    assert bad.json()["message"] == "Le commentaire doit être un texte."
    bad = clerk.post(submit, data="[1]", timeout=60)
    assert bad.status_code == 400
    assert "objet JSON" in bad.json()["message"]

    done = clerk.post(submit, json={"comment": "Complet"}, timeout=60)
    assert done.status_code == 200, done.text
    titles = [item["title"] for item in done.json()["submitted"]]
    assert titles[0].endswith(f"({testdata.FILES['pn_draft']})")
    assert len(titles) >= 2
    again = clerk.post(submit, json={}, timeout=60)
    assert again.status_code == 400
    assert again.json()["message"].startswith("Rien à soumettre")

    reviewer = as_user("reviewer.pn")
    plan = reviewer.get(validate, timeout=60)
    assert plan.status_code == 200, plan.text
    assert len(plan.json()["validate"]) == len(titles)
    done = reviewer.post(validate, json={"comment": "Vérifié"}, timeout=60)
    assert done.status_code == 200, done.text
    assert len(done.json()["validated"]) == len(titles)
    assert done.json()["skipped"] == []
    again = reviewer.post(validate, json={}, timeout=60)
    assert again.status_code == 400
    assert again.json()["message"].startswith("Rien à valider")


def test_validate_all_tells_the_submitter_why(file_url, as_user):
    both = as_user("clerkreviewer.pn")
    assert both.post(f"{file_url}/@submit-all", json={}, timeout=60).ok
    refused = both.post(f"{file_url}/@validate-all", json={}, timeout=60)
    assert refused.status_code == 400
    message = refused.json()["message"]
    assert "Rien à valider" in message or "soumis vous-même" in message
    both.cookies.set("I18N_LANGUAGE", "en")  # the user's choice (set_language)
    english = both.get(f"{file_url}/@validate-all", timeout=60)
    assert "you submitted it yourself" in english.json()["skipped"][0]["reason"]
