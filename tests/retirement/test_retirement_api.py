"""The retirement API on the test data, with an explicit ``today``; the
derived retirement date in the catalog and on the file page; the page."""

from AccessControl import Unauthorized
from datetime import date
from plone import api
from plone.app.testing import login
import pytest
from sirhp.content.base.errors import SirhpForbidden
from sirhp.content.retirement import api as retirement
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE


@pytest.fixture
def agency(portal, known_files):
    return portal["police-nationale"]


def _matricules(rows):
    return [row["matricule"] for row in rows]


def test_indexed_date_and_metadata(portal, known_files):
    catalog = portal.portal_catalog
    brains = catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile", retirement_date=date(2029, 2, 28)
    )
    assert [b.matricule for b in brains] == [known_files["pn_pending"].matricule]
    assert brains[0].retirement_date == date(2029, 2, 28)
    file = known_files["pn_validated"]
    assert retirement.retirement_date_of(file=file) == date(2027, 2, 20)


def test_retirements_of_the_agency(agency, known_files):
    with api.env.adopt_user(username="hrmanager.pn"):
        rows = retirement.retirements(agency=agency, start="2027", end=2027)
    # retired file and the other agency's file left out; soonest first
    assert _matricules(rows) == [
        known_files["pn_validated"].matricule,
        known_files["pn_validated2"].matricule,
    ]
    assert rows[0]["retirement_date"] == date(2027, 2, 20)
    assert rows[0]["grade"] == "sergent"
    assert rows[0]["unit_title"]


def test_auditor_sees_every_agency(portal, known_files):
    with api.env.adopt_user(username="auditor"):
        rows = retirement.retirements(agency=portal["ocs"], start=2027, end=2027)
    assert _matricules(rows) == [known_files["ocs_validated"].matricule]


@pytest.mark.parametrize("start, end", [("27", "2027"), ("2028", "2027"), ("", "")])
def test_bad_years(agency, start, end):
    with api.env.adopt_user(username="hrmanager.pn"):
        with pytest.raises(retirement.RetirementError) as info:
            retirement.retirements(agency=agency, start=start, end=end)
    assert info.value.status == 400
    assert "année" in info.value.text().lower()


@pytest.mark.parametrize("user", ["clerk.pn", "reviewer.pn", "hrmanager.ocs"])
def test_refused(agency, user):
    with api.env.adopt_user(username=user):
        for call in (
            lambda: retirement.retirements(agency=agency, start=2027, end=2027),
            lambda: retirement.projection(agency=agency, today=REFERENCE_DATE),
            lambda: retirement.reminders(agency=agency, today=REFERENCE_DATE),
        ):
            with pytest.raises(SirhpForbidden):
                call()


def test_projection(agency):
    with api.env.adopt_user(username="hrmanager.pn"):
        result = retirement.projection(agency=agency, years=5, today=REFERENCE_DATE)
    assert result["years"] == [2026, 2027, 2028, 2029, 2030]
    assert result["totals"] == {2026: 0, 2027: 2, 2028: 0, 2029: 1, 2030: 0}
    assert result["by"]["grade"][2027] == {"sergent": 1, "officier-1": 1}
    assert sum(cell["count"] for cell in result["cells"]) == 3


def test_reminders(agency, known_files):
    with api.env.adopt_user(username="hrmanager.pn"):
        rows = retirement.reminders(agency=agency, today=REFERENCE_DATE)
    assert [(row["matricule"], row["months"]) for row in rows] == [
        (known_files["pn_validated"].matricule, 6),
        (known_files["pn_validated2"].matricule, 12),
    ]
    with api.env.adopt_user(username="hrmanager.pn"):
        later = retirement.reminders(agency=agency, today=date(2027, 2, 20))
    assert _matricules(later) == [known_files["pn_validated2"].matricule]


def test_file_page_shows_the_date(portal, known_files):
    login(portal, "hrmanager.pn")
    view = known_files["pn_validated"].restrictedTraverse("@@view")
    career = next(s for s in view.sections() if s["id"] == "carriere")
    row = next(r for r in career["rows"] if r["name"] == "retirement_date")
    assert row["value"] == "20/02/2027"


def test_page(portal, agency, known_files):
    login(portal, "hrmanager.pn")
    agency.REQUEST.form.update({"from": "2027", "to": "2029"})
    html = agency.restrictedTraverse("@@departs-retraite")()
    assert "<svg" in html and "<rect" in html
    assert known_files["pn_validated"].matricule in html
    assert known_files["pn_pending"].matricule in html
    assert known_files["ocs_validated"].matricule not in html
    agency.REQUEST.form.update({"from": "abcd"})
    html = agency.restrictedTraverse("@@departs-retraite")()
    assert "quatre chiffres" in html


@pytest.mark.parametrize("user", ["clerk.pn", "hrmanager.ocs", "commander.pn"])
def test_page_refused(portal, agency, user):
    login(portal, user)
    with pytest.raises(Unauthorized):
        agency.restrictedTraverse("@@departs-retraite")


def test_home_links_the_page(portal):
    login(portal, "hrmanager.pn")
    html = portal.restrictedTraverse("@@sirhp-accueil")()
    assert "police-nationale/@@departs-retraite" in html
    assert "ocs/@@departs-retraite" not in html
