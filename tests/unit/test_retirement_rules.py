"""Retirement rules (pure): the date by age limit, projection, reminders."""

from datetime import date
import pytest
from sirhp.content.referentials import defaults
from sirhp.content.referentials.rules import age_limit
from sirhp.content.retirement import rules


@pytest.mark.parametrize(
    "birth, limit, expected",
    [
        (date(1965, 6, 15), 61, date(2026, 6, 15)),  # the birthday itself
        (date(1964, 12, 31), 62, date(2026, 12, 31)),  # year end
        (date(1965, 1, 1), 61, date(2026, 1, 1)),  # year start
        (date(1964, 2, 29), 62, date(2026, 2, 28)),  # leap day, common year
        (date(1964, 2, 29), 60, date(2024, 2, 29)),  # leap day, leap year
        (date(1964, 2, 28), 61, date(2025, 2, 28)),  # the day before a leap day
        (date(1964, 3, 1), 61, date(2025, 3, 1)),
    ],
)
def test_retirement_date(birth, limit, expected):
    assert rules.retirement_date(birth, limit) == expected


def test_retirement_date_unknown():
    assert rules.retirement_date(None, 62) is None
    assert rules.retirement_date(date(1965, 1, 1), None) is None


@pytest.mark.parametrize(
    "corps, limit",
    [("commissaires", 65), ("officiers", 62), ("sous-officiers", 61), ("appui", 62)],
)
def test_each_corps(corps, limit):
    """The shipped age limits (Ordonnance n°2021-016 art. 140)."""
    tables = defaults.tables()
    assert age_limit(tables, corps) == limit
    birth = date(1970, 5, 20)
    assert rules.retirement_date(birth, age_limit(tables, corps)) == date(
        1970 + limit, 5, 20
    )


def test_months_before():
    assert rules.months_before(date(2027, 8, 31), 6) == date(2027, 2, 28)
    assert rules.months_before(date(2027, 1, 15), 12) == date(2026, 1, 15)
    assert rules.months_before(date(2026, 11, 1), -12) == date(2027, 11, 1)


@pytest.mark.parametrize(
    "start, end, ok",
    [
        ("2027", "2031", True),
        (2027, 2027, True),
        ("27", "2031", False),
        ("abcd", "2031", False),
        ("2031", "2027", False),
        ("2000", "2050", False),  # 51 years
        ("2000", "2049", True),
        (None, "2030", False),
        ("0999", "2030", False),
    ],
)
def test_year_range(start, end, ok):
    years, refusal = rules.year_range(start, end)
    assert (years is not None) is ok
    assert (refusal is None) is ok


ROWS = [
    {
        "retirement_date": date(2027, 3, 1),
        "grade": "g1",
        "region": "bamako",
        "unit_title": "C1",
    },
    {
        "retirement_date": date(2027, 9, 1),
        "grade": "g1",
        "region": "kayes",
        "unit_title": "CK",
    },
    {
        "retirement_date": date(2028, 1, 1),
        "grade": "g2",
        "region": "bamako",
        "unit_title": "C1",
    },
    {
        "retirement_date": date(2026, 12, 31),
        "grade": "g2",
        "region": "bamako",
        "unit_title": "C1",
    },
    {"retirement_date": None, "grade": "g2", "region": "bamako", "unit_title": "C1"},
]


def test_projection():
    result = rules.projection(ROWS, 2027, 2)
    assert result["years"] == [2027, 2028]
    assert result["totals"] == {2027: 2, 2028: 1}
    assert result["by"]["grade"][2027] == {"g1": 2}
    assert result["by"]["region"][2027] == {"bamako": 1, "kayes": 1}
    assert result["by"]["unit_title"][2028] == {"C1": 1}
    assert result["cells"] == [
        {"year": 2027, "grade": "g1", "region": "bamako", "count": 1},
        {"year": 2027, "grade": "g1", "region": "kayes", "count": 1},
        {"year": 2028, "grade": "g2", "region": "bamako", "count": 1},
    ]


def test_reminders():
    today = date(2026, 11, 1)
    rows = [
        {"retirement_date": date(2026, 11, 1)},  # today: gone
        {"retirement_date": date(2026, 11, 2)},  # 6 months
        {"retirement_date": date(2027, 5, 1)},  # exactly 6 months: 6
        {"retirement_date": date(2027, 5, 2)},  # 12 months
        {"retirement_date": date(2027, 11, 1)},  # exactly 12 months: 12
        {"retirement_date": date(2027, 11, 2)},  # not yet
        {"retirement_date": None},
    ]
    result = rules.reminders(rows, today)
    assert [(r["retirement_date"], r["months"]) for r in result] == [
        (date(2026, 11, 2), 6),
        (date(2027, 5, 1), 6),
        (date(2027, 5, 2), 12),
        (date(2027, 11, 1), 12),
    ]
    assert result[1]["reminder_date"] == date(2026, 11, 1)
