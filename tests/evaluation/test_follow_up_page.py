"""The campaign follow-up page (``<campaign>/@@suivi-campagne``): the
figures of ``GET @campaign-status`` as tables with how each is computed,
linked from the campaign page; for who runs campaigns only (the same
permission as the REST service)."""

from datetime import date
import pytest
import requests
from sirhp.policy.evaluation.follow_up import CampaignFollowUpView
from tests.evaluation.test_evaluation_http import as_user  # noqa: F401 (fixture)
from tests.evaluation.test_evaluation_http import BODY
from tests.evaluation.test_evaluation_http import campaign_url  # noqa: F401
from tests.evaluation.test_evaluation_http import evaluation_url  # noqa: F401
from tests.evaluation.test_evaluation_http import site  # noqa: F401 (fixture)
import transaction

HTML = {"Accept": "text/html"}


@pytest.fixture
def submitted(site, campaign_url, evaluation_url, as_user):  # noqa: F811
    """Officer A's evaluation filled and submitted by the commander; the
    deadline passed (officer B's is late on any day)."""
    commander = as_user("commander.pn")
    assert commander.post(f"{evaluation_url}/@evaluation", json=BODY).ok
    assert commander.post(f"{evaluation_url}/@workflow/submit", json={}).ok
    transaction.begin()  # see what the HTTP requests committed
    campaign = site.unrestrictedTraverse("police-nationale/evaluation-2026")
    campaign.evaluation_deadline = date(2020, 1, 15)
    transaction.commit()
    return campaign_url


def test_hr_sees_the_follow_up(submitted, as_user, site, testdata):  # noqa: F811
    hr = as_user("hrmanager.pn")
    page = hr.get(f"{submitted}/@@suivi-campagne", headers=HTML)
    assert page.status_code == 200, page.text
    text = page.text
    overall = text.split('id="follow-up-overall"')[1].split("</section>")[0]
    assert "1 / 2 (50 %)" in overall
    assert "0 % (0 / 1)" in overall  # contest rate
    assert "13,80" in overall  # the mean of every mark
    units = text.split('id="follow-up-units"')[1].split("</section>")[0]
    assert units.count("<tr>") == 3  # heading + 2 units
    assert "100 %" in units and "0 %" in units
    late = text.split('id="follow-up-late"')[1].split("</section>")[0]
    assert testdata.FILES["pn_validated2"] in late
    assert testdata.FILES["pn_validated"] not in late
    assert "/evaluation-2026-" in late  # a link to the late evaluation
    raters = text.split('id="follow-up-raters"')[1].split("</section>")[0]
    assert "13,80" in raters and "—" in raters  # one mark: no spread
    assert "Comment ces chiffres sont calculés" in text
    assert "strictement supérieures à 16" in text
    # the same figures as the REST service
    status = hr.get(f"{submitted}/@campaign-status").json()
    assert (status["submitted"], status["total"]) == (1, 2)


def test_the_campaign_page_links_it_for_hr_and_auditors(submitted, as_user):  # noqa: F811
    for name in ("hrmanager.pn", "auditor"):
        page = as_user(name).get(submitted, headers=HTML)
        assert page.status_code == 200
        assert 'id="campaign-follow-up-link"' in page.text, name
        assert f"{submitted}/@@suivi-campagne" in page.text
        follow_up = as_user(name).get(f"{submitted}/@@suivi-campagne", headers=HTML)
        assert follow_up.status_code == 200 and "13,80" in follow_up.text, name
    other = as_user("clerk.pn").get(submitted, headers=HTML)
    assert 'id="campaign-follow-up-link"' not in other.text


@pytest.mark.parametrize(
    "user",
    [
        "officer",
        "commander.pn",
        "commander2.pn",
        "clerk.pn",
        "hrmanager.ocs",
        "clerk.ocs",
    ],
)
def test_refused_to_others(submitted, as_user, testdata, user):  # noqa: F811
    name = testdata.FILES["pn_validated"] if user == "officer" else user
    session = as_user(name)
    response = session.get(
        f"{submitted}/@@suivi-campagne", headers=HTML, allow_redirects=False
    )
    assert response.status_code in (302, 401, 403, 404), response.status_code
    assert "13,80" not in response.text and "Statistiques" not in response.text


def test_refused_to_anonymous(submitted):  # noqa: F811
    response = requests.get(
        f"{submitted}/@@suivi-campagne", headers=HTML, allow_redirects=False
    )
    assert response.status_code in (302, 401, 403, 404)


def test_raters_flagged_as_the_rules_say(site):  # noqa: F811
    view = CampaignFollowUpView(site, site.REQUEST)
    view.status = {
        "raters": {
            "a": {"count": 3, "mean": 18.0, "stdev": 0.0, "share_above_16": 1.0},
            "b": {"count": 3, "mean": 10.0, "stdev": 0.0, "share_above_16": 0.0},
        },
        "rater_flags": {"a": "lenient", "b": "severe"},
    }
    rows = {row["name"]: row for row in view.raters()}
    assert rows["a"]["flag_label"] == "indulgent"
    assert rows["b"]["flag_label"] == "sévère"
    assert rows["a"]["share_above_16"] == "100 %"
