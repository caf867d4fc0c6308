"""The evaluation page over HTTP: the commander fills the marks (refusals
shown in French), the officer sees the mark and the Acknowledge / Contest
buttons once notified, HR validates; the wrong people are refused."""

from datetime import date
from plone.app.testing import login
import re
import requests
from sirhp.content.evaluation import api as evaluation_api
import transaction

TOKEN = re.compile(r'name="_authenticator" value="([^"]+)"')


def _session(name, password):
    session = requests.Session()
    session.auth = (name, password)
    return session


def _evaluation(portal, testdata):
    login(portal, "hrmanager.pn")
    campaign = evaluation_api.create_campaign(
        agency=portal["police-nationale"],
        year=2026,
        grid={"discipline": 40, "efficacite": 60},
        evaluation_deadline=date(2026, 12, 15),
    )
    evaluation_api.create_evaluations(campaign=campaign)
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    evaluation = file[evaluation_api.evaluation_id(campaign)]
    transaction.commit()
    return evaluation.absolute_url()


def test_commander_fills_officer_answers_hr_validates(functional, testdata):
    portal = functional["portal"]
    url = _evaluation(portal, testdata)
    commander = _session("commander.pn", testdata.PASSWORD)
    page = commander.get(url, timeout=30)
    assert page.status_code == 200
    assert "Enregistrer les notes" in page.text
    token = TOKEN.search(page.text).group(1)
    bad = commander.post(
        url,
        data={"mark_0": "25", "_authenticator": token},
        timeout=30,
    )
    assert "Note invalide pour « discipline »" in bad.text
    saved = commander.post(
        url,
        data={
            "mark_0": "12",
            "mark_1": "15",
            "assessment": "Agent sérieux.",
            "_authenticator": token,
        },
        timeout=30,
    )
    assert "Notes enregistrées." in saved.text and "13,80" in saved.text
    assert "13.80" not in saved.text  # shown with a French decimal comma
    assert "sirhp-transition-submit" in saved.text
    # the officer does not see a draft
    officer = _session(testdata.FILES["pn_validated"], testdata.PASSWORD)
    hidden = officer.get(url, allow_redirects=False, timeout=30)
    assert hidden.status_code in (302, 401, 403, 404)
    assert "13,80" not in hidden.text and "13.80" not in hidden.text
    transaction.begin()  # see what the HTTP requests committed
    login(portal, "commander.pn")
    evaluation = portal.unrestrictedTraverse(url[len(portal.absolute_url()) + 1 :])
    portal.portal_workflow.doActionFor(evaluation, "submit")
    transaction.commit()
    mine = officer.get(url, timeout=30)
    assert mine.status_code == 200
    assert "13,80" in mine.text and "Agent sérieux." in mine.text
    assert "sirhp-transition-acknowledge" in mine.text
    assert "sirhp-transition-contest" in mine.text
    assert "Enregistrer les notes" not in mine.text
    # Mon dossier lists it, to be answered; another officer's does not
    own = officer.get(f"{portal.absolute_url()}/@@mon-dossier", timeout=30)
    section = own.text.split('id="evaluations"')[1].split("</section>")[0]
    assert url in section and "prendre connaissance ou contester" in section
    other = _session(testdata.FILES["pn_validated2"], testdata.PASSWORD).get(
        f"{portal.absolute_url()}/@@mon-dossier", timeout=30
    )
    assert url not in other.text
    for name in ("clerk.pn", "commander2.pn", testdata.FILES["pn_validated2"]):
        refused = _session(name, testdata.PASSWORD).get(
            url, allow_redirects=False, timeout=30
        )
        assert refused.status_code in (302, 401, 403, 404), name
        assert "13,80" not in refused.text and "13.80" not in refused.text
    # a POST by the officer changes nothing (no sirhp: Evaluate)
    officer.post(url, data={"mark_0": "20"}, timeout=30)
    transaction.begin()
    assert evaluation.marks["discipline"] == "12"


def test_commander_home_lists_evaluations_to_fill(functional, testdata):
    portal = functional["portal"]
    url = _evaluation(portal, testdata)
    home = _session("commander.pn", testdata.PASSWORD).get(
        portal.absolute_url(), timeout=30
    )
    assert "Évaluations à remplir" in home.text and url in home.text
    for name in ("hrmanager.pn", "commander2.pn", testdata.FILES["pn_validated"]):
        other = _session(name, testdata.PASSWORD).get(portal.absolute_url(), timeout=30)
        assert url not in other.text, name


def _contested(portal, testdata, url):
    """Filled and submitted by the commander, contested by the officer."""
    transaction.begin()
    evaluation = portal.unrestrictedTraverse(url[len(portal.absolute_url()) + 1 :])
    login(portal, "commander.pn")
    evaluation_api.set_marks(
        evaluation=evaluation, marks={"discipline": 12, "efficacite": 15}
    )
    portal.portal_workflow.doActionFor(evaluation, "submit")
    login(portal, testdata.FILES["pn_validated"])
    portal.portal_workflow.doActionFor(
        evaluation, "contest", comment="Ma discipline est exemplaire."
    )
    transaction.commit()
    return evaluation


def test_hr_revises_a_contest_from_the_page(functional, testdata):
    portal = functional["portal"]
    url = _evaluation(portal, testdata)
    evaluation = _contested(portal, testdata, url)
    # the parties are not offered the revision, and a forced POST does nothing
    for name in ("commander.pn", testdata.FILES["pn_validated"]):
        session = _session(name, testdata.PASSWORD)
        page = session.get(url, timeout=30)
        assert "sirhp-revision-form" not in page.text, name
        session.post(url, data={"form.revise": "1", "mark_0": "20"}, timeout=30)
    hr = _session("hrmanager.pn", testdata.PASSWORD)
    page = hr.get(url, timeout=30)
    assert "sirhp-revision-form" in page.text
    token = TOKEN.search(page.text).group(1)
    missing = hr.post(
        url,
        data={
            "form.revise": "1",
            "mark_0": "16",
            "mark_1": "15",
            "_authenticator": token,
        },
        timeout=30,
    )
    assert missing.status_code == 400
    assert "motif" in missing.text.lower()
    done = hr.post(
        url,
        data={
            "form.revise": "1",
            "mark_0": "16",
            "mark_1": "15",
            "reason": "Discipline reconnue par le chef de service.",
            "_authenticator": token,
        },
        timeout=30,
    )
    assert done.status_code == 200 and "Évaluation révisée." in done.text
    transaction.begin()
    assert api_state(evaluation) == "acknowledged"
    assert evaluation.mark == "15.40"  # 16 × 40 % + 15 × 60 %
    assert evaluation.revision["previous_mark"] == "13.80"
    # the officer sees the final mark and the revision
    mine = _session(testdata.FILES["pn_validated"], testdata.PASSWORD).get(
        url, timeout=30
    )
    assert "15,40" in mine.text and "13,80 → 15,40" in mine.text


def api_state(obj):
    return obj.portal_workflow.getInfoFor(obj, "review_state")
