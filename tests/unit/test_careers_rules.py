"""Career situation rules: situation on a date, periods, seniority (no site)."""

from datetime import date
from sirhp.content.careers import rules

INITIAL = {
    "grade": "gardien",
    "echelon": 1,
    "unit": "commissariat-1",
    "status": "active",
    "position": None,
    "grade_date": date(2010, 1, 1),
}
ACTS = [
    {"type": "recruitment", "date": date(2010, 1, 1), "status": "active"},
    {
        "type": "promotion",
        "date": date(2015, 7, 1),
        "grade": "brigadier",
        "echelon": 1,
    },
    {
        "type": "suspension",
        "date": date(2018, 3, 1),
        "end_date": date(2018, 5, 31),
        "status": "suspended",
    },
    {"type": "transfer", "date": date(2020, 9, 1), "unit": "kayes", "position": "chef"},
    {"type": "advancement", "date": date(2020, 9, 1), "echelon": 2},
]


def at(day):
    return rules.situation_at(ACTS, day, INITIAL)


def test_before_every_act_is_the_initial_situation():
    situation = at(date(2009, 12, 31))
    assert situation["grade"] == "gardien"
    assert situation["unit"] == "commissariat-1"
    assert situation["grade_date"] == date(2010, 1, 1)


def test_an_act_applies_from_its_date_of_effect():
    assert at(date(2015, 6, 30))["grade"] == "gardien"
    situation = at(date(2015, 7, 1))
    assert situation["grade"] == "brigadier"
    assert situation["grade_date"] == date(2015, 7, 1)


def test_an_act_with_an_end_date_applies_for_its_period_only():
    assert at(date(2018, 2, 28))["status"] == "active"
    assert at(date(2018, 3, 1))["status"] == "suspended"
    assert at(date(2018, 5, 31))["status"] == "suspended"
    assert at(date(2018, 6, 1))["status"] == "active"


def test_after_every_act_and_acts_of_one_day_combine():
    situation = at(date(2026, 11, 1))
    assert situation == {
        "grade": "brigadier",
        "echelon": 2,
        "unit": "kayes",
        "status": "active",
        "position": "chef",
        "grade_date": date(2015, 7, 1),
        "echelon_date": date(2020, 9, 1),
    }


def test_later_act_overrides_an_earlier_one():
    acts = [
        {"date": date(2020, 1, 1), "unit": "a"},
        {"date": date(2021, 1, 1), "unit": "b"},
    ]
    assert rules.situation_at(acts, date(2020, 6, 1))["unit"] == "a"
    assert rules.situation_at(acts, date(2022, 6, 1))["unit"] == "b"
    # order given does not matter, the date does
    assert rules.situation_at(acts[::-1], date(2022, 6, 1))["unit"] == "b"


def test_repeating_the_grade_keeps_its_date():
    acts = [
        {"date": date(2015, 1, 1), "grade": "brigadier"},
        {"date": date(2016, 1, 1), "grade": "brigadier"},
    ]
    situation = rules.situation_at(acts, date(2020, 1, 1))
    assert situation["grade_date"] == date(2015, 1, 1)


def test_periods_are_spans_with_one_situation():
    periods = rules.periods(ACTS, INITIAL)
    spans = [(p["start"], p["end"], p["status"], p["grade"]) for p in periods]
    assert spans == [
        (date(2010, 1, 1), date(2015, 6, 30), "active", "gardien"),
        (date(2015, 7, 1), date(2018, 2, 28), "active", "brigadier"),
        (date(2018, 3, 1), date(2018, 5, 31), "suspended", "brigadier"),
        (date(2018, 6, 1), date(2020, 8, 31), "active", "brigadier"),
        (date(2020, 9, 1), None, "active", "brigadier"),
    ]
    assert periods[-1]["unit"] == "kayes" and periods[-1]["echelon"] == 2


def test_no_act_no_period():
    assert rules.periods([], INITIAL) == []


def test_seniority():
    assert rules.seniority(date(2010, 1, 1), date(2026, 11, 1)) == {
        "years": 16,
        "months": 10,
        "days": 0,
    }
    assert rules.seniority(date(2020, 1, 15), date(2020, 3, 14)) == {
        "years": 0,
        "months": 1,
        "days": 28,
    }
    assert rules.seniority(None, date(2020, 1, 1)) is None
    assert rules.seniority(date(2020, 1, 2), date(2020, 1, 1)) is None


def test_seniority_across_leap_years():
    # from 29 February: a year is reached on 28 February... plus a day
    assert rules.seniority(date(2020, 2, 29), date(2021, 2, 28)) == {
        "years": 0,
        "months": 11,
        "days": 30,
    }
    assert rules.seniority(date(2020, 2, 29), date(2021, 3, 1)) == {
        "years": 1,
        "months": 0,
        "days": 1,
    }
    assert rules.seniority(date(2020, 2, 29), date(2024, 2, 29)) == {
        "years": 4,
        "months": 0,
        "days": 0,
    }
    # 29 days of February 2024 counted
    assert rules.seniority(date(2024, 2, 1), date(2024, 3, 1)) == {
        "years": 0,
        "months": 1,
        "days": 0,
    }
    assert rules.seniority(date(2024, 1, 31), date(2024, 2, 29)) == {
        "years": 0,
        "months": 0,
        "days": 29,
    }


def test_seniorities_in_grade_and_in_service():
    situation = at(date(2026, 11, 1))
    result = rules.seniorities(situation, date(2010, 1, 1), date(2026, 11, 1))
    assert result["grade"] == {"years": 11, "months": 4, "days": 0}
    assert result["service"]["years"] == 16


def test_period_is_valid():
    assert rules.period_is_valid(date(2024, 3, 1), date(2024, 3, 1))
    assert rules.period_is_valid(date(2024, 3, 1), None)
    assert not rules.period_is_valid(date(2024, 3, 1), date(2024, 2, 29))


def test_parse_day():
    assert rules.parse_day("2024-02-29") == date(2024, 2, 29)
    for text in ("2023-02-29", "29/02/2024", "2024-2-29", None, 20240229):
        assert rules.parse_day(text) is None


def test_differences_name_what_acts_change():
    stored = {"grade": "agent", "echelon": 2, "unit": "u1", "status": "active"}
    wanted = dict(stored, echelon=3, status="suspended")
    assert rules.changed_fields(stored, wanted) == ["echelon", "status"]
    assert rules.changed_fields(stored, dict(stored)) == []


def test_corps_of_a_grade():
    tables = {"grades": {"agent": {"corps": "sous-officiers"}}}
    assert rules.corps_of("agent", tables) == "sous-officiers"
    assert rules.corps_of("inconnu", tables) is None
    assert rules.corps_of(None, {}) is None
