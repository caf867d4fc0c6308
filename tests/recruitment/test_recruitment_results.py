"""A concours' results on the test site: the ranking applies the
campaign's quotas and shortfall rule, is stored at ``propose_results`` and
shown as stored after a mark change (``reopen`` forgets it); auditors read
it once published only; the admitted candidates become draft files once
(matricules in sequence, a recruitment act each), for HR managers only;
the dashboard's recruitment figure equals a count of the candidates."""

from AccessControl import Unauthorized
from datetime import date
from plone import api
from plone.app.testing import login
from plone.protect.authenticator import createToken
import pytest
from sirhp.content.indicators import api as indicators
from sirhp.content.recruitment import admissions
from sirhp.content.recruitment import api as recruitment
from sirhp.content.recruitment.admission import AdmissionForbidden
from sirhp.content.recruitment.admission import SESSION
from tests.recruitment.conftest import candidate_data
from tests.training.helpers import planned_session

HIRED = date(2026, 11, 2)
UNIT = "police-nationale/dr-bamako/commissariat-1"
# nina, first names, region, sex, the mark at every stage (None: eliminated
# at the written tests with 5)
PEOPLE = (
    ("SEGOU0000000001", "Awa", "segou", "F", 15),
    ("SEGOU0000000002", "Bakary", "segou", "M", 14),
    ("SEGOU0000000003", "Cheick", "segou", "M", 16),
    ("KAYES0000000001", "Djeneba", "kayes", "F", 12),
    ("KAYES0000000002", "Elhadj", "kayes", "M", None),
)


def marks(campaign, mark):
    return {s.code: mark for s in recruitment.stages_of(campaign)}


@pytest.fixture
def ranked(campaign):
    """The campaign open, five candidates marked, closed (as recruiter.pn)."""
    people = {}
    for nina, first, region, sex, _mark in PEOPLE:
        people[first] = recruitment.add_candidate(
            campaign=campaign,
            **candidate_data(nina, first_names=first, region_of_origin=region, sex=sex),
        )
    api.content.transition(obj=campaign, transition="open")
    for _nina, first, _region, _sex, mark in PEOPLE:
        scores = marks(campaign, mark) if mark is not None else {"ecrit": 5}
        recruitment.set_scores(candidate=people[first], scores=scores)
    api.content.transition(obj=campaign, transition="close")
    return people


def _names(rows):
    return [row["title"].split(" ", 1)[1] for row in rows]


def test_quotas_applied(campaign, ranked):
    results = recruitment.results(campaign=campaign)
    assert results["stored"] is False
    # Ségou's 2 posts to its best two, Kayes' 1 to its only admissible one
    assert _names(results["main"]) == ["Cheick", "Awa", "Djeneba"]
    assert [r["rank"] for r in results["main"]] == [1, 2, 3]
    assert [r["by"] for r in results["main"]] == ["quota"] * 3
    assert results["main"][0]["why"] == (
        "Admis au titre du quota de Ségou (place 1 sur 2)."
    )
    assert [w["region"] for w in results["waiting"]] == ["segou"]
    assert _names(results["waiting"][0]["items"]) == ["Bakary"]
    assert results["waiting"][0]["items"][0]["why"] == (
        "Liste d'attente de Ségou, rang 1 : Ségou a pourvu son quota (2) avec "
        "des moyennes supérieures."
    )
    assert _names(results["out"]) == ["Elhadj"]
    assert results["out"][0]["why"] == "Éliminé à l'étape « Épreuves écrites »."
    assert results["vacant"] == 0
    # the admitted by region and sex in the statistics, once stored
    assert "admitted" not in recruitment.statistics(campaign=campaign)["by_region"][0]


def test_shortfall_goes_to_national_merit_or_stays_vacant(campaign, ranked):
    recruitment.set_scores(candidate=ranked["Djeneba"], scores={"ecrit": 2})
    results = recruitment.results(campaign=campaign)
    assert _names(results["main"]) == ["Cheick", "Awa", "Bakary"]
    assert results["main"][2]["by"] == "national"
    assert results["vacant"] == 0
    campaign.shortfall_rule = "vacant"
    results = recruitment.results(campaign=campaign)
    assert _names(results["main"]) == ["Cheick", "Awa"]
    assert results["vacant"] == 1
    kayes = [r for r in results["regions"] if r["code"] == "kayes"][0]
    assert (kayes["quota"], kayes["admitted"], kayes["vacant"]) == (1, 0, 1)


def test_stored_at_propose_and_shown_after_a_mark_change(portal, campaign, ranked):
    api.content.transition(obj=campaign, transition="propose_results")
    proposed = recruitment.results(campaign=campaign)
    assert proposed["stored"] is True
    # a mark written behind the API's back: the proposed ranking stays
    ranked["Bakary"].scores = marks(campaign, 19)
    assert recruitment.results(campaign=campaign)["main"] == proposed["main"]
    stats = recruitment.statistics(campaign=campaign)
    assert {r["code"]: r["admitted"] for r in stats["by_region"]} == {
        "kayes": 1,
        "segou": 2,
    }
    assert {r["code"]: r["admitted"] for r in stats["by_sex"]} == {"F": 2, "M": 1}
    # reopen: the ranking follows the marks again
    api.content.transition(obj=campaign, transition="reopen")
    recruitment.set_scores(candidate=ranked["Bakary"], scores=marks(campaign, 19))
    again = recruitment.results(campaign=campaign)
    assert again["stored"] is False
    assert _names(again["main"]) == ["Bakary", "Cheick", "Djeneba"]


def _publish(portal, campaign):
    api.content.transition(obj=campaign, transition="propose_results")
    login(portal, "hrmanager.pn")
    api.content.transition(obj=campaign, transition="publish")


def test_auditors_read_published_results_only(portal, campaign, ranked):
    api.content.transition(obj=campaign, transition="propose_results")
    login(portal, "auditor")
    with pytest.raises(Unauthorized):
        recruitment.results(campaign=campaign)
    login(portal, "hrmanager.pn")
    api.content.transition(obj=campaign, transition="publish")
    login(portal, "auditor")
    assert len(recruitment.results(campaign=campaign)["main"]) == 3
    for name in ("clerk.pn", "commander.pn", "recruiter.ocs"):
        login(portal, name)
        with pytest.raises(Unauthorized):
            recruitment.results(campaign=campaign)


def test_admissions_refused_before_publish(portal, campaign, ranked):
    login(portal, "hrmanager.pn")
    with pytest.raises(recruitment.RecruitmentError) as info:
        admissions.create_files(campaign=campaign, hire_date=HIRED)
    assert info.value.text() == (
        "Les dossiers des admis se créent une fois les résultats publiés."
    )


def test_admitted_candidates_become_draft_files_once(portal, campaign, ranked):
    _publish(portal, campaign)
    unit = portal.unrestrictedTraverse(UNIT)
    with pytest.raises(recruitment.RecruitmentError) as info:
        admissions.create_files(campaign=campaign, hire_date="02/11/2026")
    assert info.value.text() == "Date de recrutement invalide (AAAA-MM-JJ)."
    login(portal, "recruiter.pn")
    with pytest.raises(AdmissionForbidden):
        admissions.create_files(campaign=campaign, hire_date=HIRED)
    login(portal, "hrmanager.pn")
    answer = admissions.create_files(
        campaign=campaign, hire_date="2026-11-02", unit=unit.UID()
    )
    assert answer["skipped"] == []
    assert [c["title"].split(" ", 1)[1] for c in answer["created"]] == [
        "Cheick",
        "Awa",
        "Djeneba",
    ]
    # the agency's sequence, in the order of merit: 100000, then past the
    # test data's files (100001-100005)
    numbers = [int(c["matricule"][:-1]) for c in answer["created"]]
    assert numbers == [100000, 100006, 100007]
    agency = portal["police-nationale"]
    for row in answer["created"]:
        file = agency[row["matricule"]]
        assert api.content.get_state(file) == "draft"
        assert file.UID() == row["file"]
        assert (file.corps, file.hire_date) == (campaign.corps, HIRED)
        assert file.unit.to_object == unit
        act = file["recrutement"]
        assert act.event_type == "recruitment"
        assert act.event_date == HIRED
        assert "Concours d'inspecteurs 2026" in act.reference
    assert ranked["Cheick"].admitted_file == answer["created"][0]["file"]
    assert (
        ranked["Awa"].first_names
        == agency[answer["created"][1]["matricule"]].first_names
    )
    again = admissions.create_files(campaign=campaign, hire_date=HIRED)
    assert again["created"] == []
    assert [s["matricule"] for s in again["skipped"]] == [
        c["matricule"] for c in answer["created"]
    ]
    assert again["skipped"][0]["reason"] == (
        f"Déjà admis : dossier {answer['created'][0]['matricule']}."
    )


def test_dashboard_recruitment_equals_a_count(portal, campaign, ranked):
    agency = portal["police-nationale"]
    at = date(2026, 11, 15)  # within the campaign's dates
    _publish(portal, campaign)
    login(portal, "hrmanager.pn")
    rows = {r["group"]: r for r in indicators.recruitment_by_region(agency, at)}
    people = [c for c in campaign.objectValues() if c.portal_type == "Candidate"]
    for region in ("segou", "kayes"):
        mine = [c for c in people if c.region_of_origin == region]
        assert rows[region]["candidates"] == len(mine)
    # admitted: the published main list; quota: the campaign's
    assert {g: r["admitted"] for g, r in rows.items()} == {"kayes": 1, "segou": 2}
    assert {g: r["quota"] for g, r in rows.items()} == {"kayes": 1, "segou": 2}
    report = indicators.indicators(context=agency, at=at)
    figure = [f for f in report["figures"] if f["id"] == "recruitment_by_region"][0]
    assert sum(r["candidates"] for r in figure["rows"]) == len(people)
    # after the campaign's dates: its published results still count
    later = indicators.recruitment_by_region(agency, date(2027, 3, 1))
    assert sum(r["admitted"] for r in later) == 3


def test_admissions_page_enrols_in_a_planned_session(
    portal, campaign, ranked, testdata
):
    """The admissions form lists the agency's planned training sessions;
    the files made remember the one chosen (the nomination is made when
    each file is validated)."""
    _agency, session, _files = planned_session(portal, testdata, capacity=20)
    login(portal, "recruiter.pn")
    _publish(portal, campaign)
    request = portal.REQUEST
    view = api.content.get_view("resultats", campaign, request)
    assert [s["uid"] for s in view.sessions()] == [session.UID()]
    request.method = "POST"
    request.form.update(
        {
            "admit": "1",
            "hire_date": "2026-11-02",
            "session": session.UID(),
            "_authenticator": createToken(),
        }
    )
    view()
    assert view.report["created"], view.error
    for created in view.report["created"]:
        file = api.content.get(UID=created["file"])
        assert getattr(file, SESSION) == session.UID()


def test_averages_are_written_as_the_reader_does(portal, campaign, ranked):
    """The explanations and the results page write an average as their
    reader does: 14,5 in French, 14.5 in English; the API's ``total``
    stays a number."""
    from sirhp.content.recruitment import ranking
    from sirhp.content.recruitment.results import _why
    from sirhp.policy.interfaces import ISirhpPolicyLayer
    from zope.component import getMultiAdapter
    from zope.interface import alsoProvides

    msgid, default = ranking.MSG_WAITING
    row = {
        "why_msg": {
            "msgid": msgid,
            "default": default,
            "mapping": {
                "region": "Ségou",
                "rank": "1",
                "total": "14.5",
                "cut": "15.25",
            },
        }
    }
    request = portal.REQUEST
    request["LANGUAGE"] = "fr"
    assert _why(row, request) == (
        "Liste d'attente de Ségou, rang 1 : moyenne 14,5 inférieure à celle "
        "du dernier admis (15,25)."
    )
    request["LANGUAGE"] = "en"
    assert "14.5" in _why(row, request) and "15.25" in _why(row, request)
    assert "14,5" not in _why(row, request)
    # the results page's column of averages
    recruitment.set_scores(candidate=ranked["Awa"], scores=marks(campaign, 15.5))
    assert recruitment.results(campaign=campaign)["main"][1]["total"] == 15.5
    request["LANGUAGE"] = "fr"
    alsoProvides(request, ISirhpPolicyLayer)
    html = getMultiAdapter((campaign, request), name="resultats")()
    assert "<td>15,5</td>" in html and "15.5" not in html


def test_the_marks_pages_write_a_decimal_comma(portal, campaign, ranked):
    """The candidates' list and a candidate's marks form show 15,5; the form
    sent back as shown stores the same mark."""
    from sirhp.policy.interfaces import ISirhpPolicyLayer
    from zope.component import getMultiAdapter
    from zope.interface import alsoProvides

    awa = ranked["Awa"]
    recruitment.set_scores(candidate=awa, scores=marks(campaign, 15.5))
    request = portal.REQUEST
    request["LANGUAGE"] = "fr"
    alsoProvides(request, ISirhpPolicyLayer)
    listed = getMultiAdapter((campaign, request), name="view")()
    assert "15,5" in listed and "15.5" not in listed
    form = getMultiAdapter((awa, request), name="notes")()
    assert 'value="15,5"' in form and "15.5" not in form
    request.method = "POST"
    request.form.update(
        {"_authenticator": createToken()}
        | {f"mark_{s.code}": "15,5" for s in recruitment.stages_of(campaign)}
    )
    getMultiAdapter((awa, request), name="notes")()
    assert set(awa.scores.values()) == {15.5}
