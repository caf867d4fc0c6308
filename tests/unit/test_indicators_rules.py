"""The dashboard's pure rules: in service on a day, ages and 5-year bands,
shares, the 5-year retirement window."""

from datetime import date
import pytest
from sirhp.content.indicators import rules

AT = date(2026, 11, 1)


@pytest.mark.parametrize(
    "birth,age",
    [
        (date(1990, 11, 1), 36),  # birthday on the day
        (date(1990, 11, 2), 35),  # the day after
        (date(1992, 2, 29), 34),
        (None, None),
    ],
)
def test_age_on(birth, age):
    assert rules.age_on(birth, AT) == age


def test_age_band():
    assert rules.age_band(25) == "25-29"
    assert rules.age_band(29) == "25-29"
    assert rules.age_band(30) == "30-34"
    assert rules.age_band(None) is None


def test_pyramid_fills_the_bands_between():
    rows = [
        {"birth_date": date(2000, 1, 1), "sex": "F"},  # 26
        {"birth_date": date(1980, 1, 1), "sex": "M"},  # 46
        {"birth_date": date(1981, 6, 1), "sex": "M"},  # 45
        {"birth_date": None, "sex": "M"},
    ]
    assert rules.pyramid(rows, AT) == [
        ("25-29", 1, 0, 1),
        ("30-34", 0, 0, 0),
        ("35-39", 0, 0, 0),
        ("40-44", 0, 0, 0),
        ("45-49", 0, 2, 2),
    ]
    assert rules.pyramid([], AT) == []


def test_in_service():
    row = {"hire_date": date(2010, 1, 1), "personnel_status": "active"}
    assert rules.in_service(row, AT)
    assert not rules.in_service(dict(row, hire_date=date(2026, 11, 2)), AT)
    assert not rules.in_service(dict(row, retirement_date=AT), AT)
    assert rules.in_service(dict(row, retirement_date=date(2026, 11, 2)), AT)
    retired = dict(row, personnel_status="retired")
    assert not rules.in_service(retired, AT)  # no dated act: departed
    assert rules.in_service(retired, AT, departed_on=date(2027, 1, 1))
    assert not rules.in_service(retired, AT, departed_on=AT)
    assert rules.in_service(dict(row, personnel_status="suspended"), AT)


def test_counts_and_shares():
    rows = [{"g": "b", "sex": "F"}, {"g": "a", "sex": "M"}, {"g": None, "sex": "F"}]
    assert rules.counts(rows, "g") == [("a", 1), ("b", 1), (None, 1)]
    assert rules.women_by(rows, "g") == [
        ("a", 0, 1, 0.0),
        ("b", 1, 1, 1.0),
        (None, 1, 1, 1.0),
    ]
    assert rules.share(1, 3) == 0.3333
    assert rules.share(1, 0) is None


def test_retirement_window():
    years, first, last = rules.retirement_window(AT)
    assert years == [2026, 2027, 2028, 2029, 2030]
    assert (first, last) == (date(2026, 11, 2), date(2030, 12, 31))
    rows = [
        {"retirement_date": AT},  # gone on the day: not counted
        {"retirement_date": date(2026, 12, 31)},
        {"retirement_date": date(2030, 12, 31)},
        {"retirement_date": date(2031, 1, 1)},
        {"retirement_date": None},
    ]
    assert rules.retirements(rows, AT) == [
        (2026, 1),
        (2027, 0),
        (2028, 0),
        (2029, 0),
        (2030, 1),
    ]


@pytest.mark.parametrize("text", ["2026-11-01", " 2026-11-01 "])
def test_parse_at(text):
    assert rules.parse_at(text) == (AT, None)


@pytest.mark.parametrize(
    "text", ["", None, "2026-11-31", "20261101", "1959-12-31", "x"]
)
def test_parse_at_refused(text):
    assert rules.parse_at(text) == (None, rules.MSG_BAD_DATE)
