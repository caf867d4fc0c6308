"""careers.api on the test data: validated acts only, as the caller sees
them, on an explicit date."""

from datetime import date
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
import pytest
from sirhp.content.careers import api as careers
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE


@pytest.fixture
def file(portal, testdata):
    return portal.unrestrictedTraverse(testdata.path_of("pn_validated"))


def _act(file, state, author="clerkreviewer.pn", validator="reviewer.pn", **values):
    """An act made by a clerk; submitted, then validated by a reviewer."""
    login(file.aq_parent.aq_parent, author)
    act = api.content.create(
        container=file, type="CareerEvent", id=f"acte-{values['event_date']}", **values
    )
    if state in ("pending", "validated"):
        api.content.transition(act, transition="submit")
    if state == "validated":
        login(file.aq_parent.aq_parent, validator)
        api.content.transition(act, transition="validate", comment="Conforme.")
    return act


def test_acts_of_the_test_data_are_validated_ones(portal, file):
    login(portal, "clerk.pn")
    found = careers.acts(file=file)
    assert found and found[0]["type"] == "recruitment"
    assert [act["date"] for act in found] == sorted(act["date"] for act in found)
    situation = careers.situation(file=file, at=REFERENCE_DATE)
    assert situation["grade"] == file.grade
    assert situation["status"] == "active"
    assert situation["hire_date"] == file.hire_date
    assert (
        situation["seniority"]["service"]["years"]
        == (careers.rules.seniority(file.hire_date, REFERENCE_DATE)["years"])
    )


def test_only_validated_acts_count(portal, file):
    echelon_before = getattr(file, "echelon", None)
    _act(
        file,
        "draft",
        event_type="promotion",
        event_date=date(2025, 1, 1),
        resulting_echelon=7,
    )
    _act(
        file,
        "validated",
        event_type="advancement",
        event_date=date(2025, 6, 1),
        resulting_echelon=4,
        resulting_position="Chef de poste",
    )
    login(portal, "clerk.pn")
    before = careers.situation(file=file, at=date(2025, 5, 31))
    after = careers.situation(file=file, at=date(2025, 6, 1))
    assert before["echelon"] == echelon_before
    assert after["echelon"] == 4 and after["position"] == "Chef de poste"
    assert after["echelon_date"] == date(2025, 6, 1)
    result = careers.career(file=file, at=date(2026, 11, 1))
    assert 7 not in [act["echelon"] for act in result["events"]]
    assert result["positions"][-1]["start"] == date(2025, 6, 1)
    assert result["positions"][-1]["end"] is None
    assert result["current"]["at"] == date(2026, 11, 1)


def test_a_period_act_ends(portal, file):
    # a suspension is disciplinary: HR managers file it (four eyes; the
    # agency's only HR manager submitted it, an administrator validates)
    _act(
        file,
        "validated",
        author="hrmanager.pn",
        validator="siteadmin",
        event_type="suspension",
        event_date=date(2024, 3, 1),
        end_date=date(2024, 4, 30),
        resulting_status="suspended",
    )
    login(portal, "hrmanager.pn")
    assert careers.situation(file=file, at=date(2024, 3, 15))["status"] == ("suspended")
    assert careers.situation(file=file, at=date(2024, 5, 1))["status"] == "active"
    spans = [
        (p["start"], p["end"], p["status"])
        for p in careers.career(file=file)["positions"]
    ]
    assert (date(2024, 3, 1), date(2024, 4, 30), "suspended") in spans


def test_acts_the_caller_may_not_see_are_not_counted(portal, file):
    logout()
    assert careers.acts(file=file) == []  # anonymous sees no act


def test_bad_date_refused_in_french():
    with pytest.raises(careers.CareerError) as refused:
        careers.parse_at("01/11/2026")
    assert "AAAA-MM-JJ" in refused.value.text()
    with pytest.raises(careers.CareerError):
        careers.parse_at("2026-02-30")
    assert careers.parse_at("2026-11-01") == REFERENCE_DATE
    assert careers.parse_at("") is None
