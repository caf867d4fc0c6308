"""Careers consistency rules: the acts a file needs, and the differences
between a file and its acts (no site)."""

from datetime import date
from sirhp.content.careers import rules

HIRED = date(2012, 9, 1)
STORED = {
    "grade": "officier-1",
    "echelon": 3,
    "unit": "uid-unit",
    "status": "active",
    "position": "Enquêtrice",
    "grade_date": date(2018, 1, 1),
    "echelon_date": date(2020, 1, 1),
    "hire_date": HIRED,
}


def _apply(stored, built, at=date(2026, 11, 1)):
    return rules.differences(built, stored, at)


def test_a_file_without_acts_gets_recruitment_and_reclassements():
    built = rules.missing_acts([], STORED)
    assert [(a["type"], a["date"]) for a in built] == [
        ("recruitment", HIRED),
        ("reclassement", date(2018, 1, 1)),
        ("reclassement", date(2020, 1, 1)),
    ]
    assert built[0] == {
        "type": "recruitment",
        "date": HIRED,
        "unit": "uid-unit",
        "status": "active",
        "position": "Enquêtrice",
    }
    assert built[1]["grade"] == "officier-1" and "echelon" not in built[1]
    assert built[2]["echelon"] == 3
    assert _apply(STORED, built) == []
    assert rules.missing_acts(built, STORED) == []  # re-runnable


def test_grade_dated_at_hiring_goes_on_the_recruitment():
    stored = dict(STORED, grade_date=HIRED, echelon_date=None)
    built = rules.missing_acts([], stored)
    assert len(built) == 1
    assert built[0]["grade"] == "officier-1" and built[0]["echelon"] == 3
    stored_no_date = dict(STORED, grade_date=None, echelon_date=None)
    assert len(rules.missing_acts([], stored_no_date)) == 1
    assert _apply(stored, built) == []


def test_what_acts_set_is_not_built_again():
    acts = [
        {"type": "recruitment", "date": HIRED, "status": "active"},
        {"type": "promotion", "date": date(2018, 1, 1), "grade": "officier-1"},
    ]
    built = rules.missing_acts(acts, STORED)
    # no second recruitment; the unit and position on the hire date
    assert [(a["type"], a["date"]) for a in built] == [
        ("reclassement", HIRED),
        ("reclassement", date(2020, 1, 1)),
    ]
    assert "status" not in built[0] and "grade" not in built[0]
    assert _apply(STORED, acts + built) == []


def test_a_drift_is_reported_not_covered():
    acts = rules.missing_acts([], STORED)
    drifted = dict(STORED, grade="commissaire")
    assert rules.missing_acts(acts, drifted) == []
    assert _apply(drifted, acts) == [("grade", "commissaire", "officier-1")]


def test_differences_ignore_empty_texts_and_missing_dates():
    acts = [{"type": "recruitment", "date": HIRED, "status": "active"}]
    stored = {"status": "active", "position": "", "grade_date": None}
    assert rules.differences(acts, stored, date(2026, 11, 1)) == []
    assert rules.differences([], {"status": "active"}, date(2026, 11, 1)) == [
        ("status", "active", None)
    ]


def test_reprise_restates_what_the_acts_do_not_give():
    hired = date(2010, 1, 4)
    acts = [{"type": "recruitment", "date": hired, "status": "active", "grade": "g1"}]
    at = date(2026, 11, 1)
    # a status typed by hand: restated by the act that gives it
    stored = {"status": "detached", "grade": "g1"}
    assert rules.reprise_acts(acts, stored, at) == [
        {"type": "detachment", "date": at, "status": "detached"}
    ]
    # several values: one reclassement
    stored = {"status": "active", "grade": "g2", "position": "Chef de poste"}
    assert rules.reprise_acts(acts, stored, at) == [
        {"type": "reclassement", "date": at, "grade": "g2", "position": "Chef de poste"}
    ]
    # nothing differs, or an empty value: nothing
    assert rules.reprise_acts(acts, {"status": "active", "grade": ""}, at) == []
    # an act ended before the day does not count
    ended = [
        *acts,
        {
            "type": "suspension",
            "date": date(2020, 1, 1),
            "end_date": date(2020, 2, 1),
            "status": "suspended",
        },
    ]
    assert rules.reprise_acts(ended, {"status": "active"}, at) == []
