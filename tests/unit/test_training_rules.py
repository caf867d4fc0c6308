"""Training rules without a site: certificate validity, seats, results,
coverage."""

from datetime import date
from decimal import Decimal
import pytest
from sirhp.content.training import rules


@pytest.mark.parametrize(
    "passed_on,years,expiry",
    [
        (date(2026, 3, 5), 3, date(2029, 3, 5)),
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2024, 2, 28), 1, date(2025, 2, 28)),
        (date(2023, 3, 1), 1, date(2024, 3, 1)),
        (date(2025, 12, 31), 2, date(2027, 12, 31)),
    ],
)
def test_certificate_expiry(passed_on, years, expiry):
    assert rules.certificate_expiry(passed_on, years) == expiry


@pytest.mark.parametrize("years", [None, 0])
def test_certificate_without_expiry(years):
    assert rules.certificate_expiry(date(2026, 3, 5), years) is None


@pytest.mark.parametrize("years", [-1, 2.5, "3", True])
def test_certificate_expiry_refuses_bad_years(years):
    with pytest.raises(ValueError):
        rules.certificate_expiry(date(2026, 3, 5), years)


def test_add_years_back_from_a_leap_day():
    assert rules.add_years(date(2024, 2, 29), -1) == date(2023, 2, 28)
    assert rules.add_years(date(2024, 2, 29), -4) == date(2020, 2, 29)


@pytest.mark.parametrize(
    "at,state",
    [
        (date(2029, 3, 6), rules.EXPIRED),
        (date(2029, 3, 5), rules.EXPIRED),  # the expiry day itself
        (date(2029, 3, 4), rules.EXPIRING),  # last valid day
        (date(2028, 12, 5), rules.EXPIRING),  # exactly 90 days before
        (date(2028, 12, 4), rules.VALID),  # 91 days before
        (date(2026, 3, 5), rules.VALID),
    ],
)
def test_certificate_state(at, state):
    assert rules.certificate_state(date(2029, 3, 5), at) == state


def test_certificate_without_expiry_is_always_valid():
    assert rules.certificate_state(None, date(2200, 1, 1)) == rules.VALID


def test_ninety_days_across_a_leap_february():
    expiry = date(2028, 3, 1)
    # 2028 is a leap year: 1 December 2027 + 91 days = 1 March 2028
    assert rules.certificate_state(expiry, date(2027, 12, 2)) == rules.EXPIRING
    assert rules.certificate_state(expiry, date(2027, 12, 1)) == rules.VALID


@pytest.mark.parametrize(
    "capacity,nominated,free,refusal",
    [
        (20, 19, 1, None),
        (20, 20, 0, None),
        (20, 21, -1, rules.OVER_CAPACITY),
        (2, ["a", "b", "c"], -1, rules.OVER_CAPACITY),
        (3, ["a", "b"], 1, None),
        (5, 0, 5, None),
    ],
)
def test_session_room(capacity, nominated, free, refusal):
    room = rules.session_room(capacity, nominated)
    assert room["free"] == free
    assert room["refusal"] == refusal
    assert room["capacity"] == capacity


@pytest.mark.parametrize("capacity", [0, -3, None, 2.5, True, "20"])
def test_session_room_bad_capacity(capacity):
    room = rules.session_room(capacity, 1)
    assert room["refusal"] == rules.BAD_CAPACITY
    assert room["free"] is None


@pytest.mark.parametrize(
    "result,score,refusal",
    [
        (rules.PASSED, None, None),
        (rules.PASSED, 20, None),
        (rules.PASSED, 0, None),
        (rules.FAILED, "9.75", None),
        (rules.FAILED, 9.5, None),
        (rules.PASSED, Decimal("14.25"), None),
        (rules.ABSENT, None, None),
        (rules.ABSENT, 0, rules.SCORE_FOR_ABSENT),
        ("present", None, rules.UNKNOWN_RESULT),
        (None, None, rules.UNKNOWN_RESULT),
        (rules.PASSED, 20.01, rules.SCORE_OUT_OF_RANGE),
        (rules.PASSED, -0.01, rules.SCORE_OUT_OF_RANGE),
        (rules.PASSED, "12.345", rules.SCORE_TOO_PRECISE),
        (rules.PASSED, "douze", rules.SCORE_NOT_A_NUMBER),
        (rules.PASSED, True, rules.SCORE_NOT_A_NUMBER),
        (rules.PASSED, float("nan"), rules.SCORE_NOT_A_NUMBER),
        (rules.PASSED, [12], rules.SCORE_NOT_A_NUMBER),
    ],
)
def test_check_result(result, score, refusal):
    assert rules.check_result(result, score) == refusal


STAFF = [
    {"id": "a", "unit": "CIAT", "region": "Kayes", "grade": "Inspecteur", "sex": "F"},
    {"id": "b", "unit": "CIAT", "region": "Kayes", "grade": "Sergent", "sex": "M"},
    {"id": "c", "unit": "BAC", "region": "Bamako", "grade": "Sergent", "sex": "M"},
    {"id": "d", "unit": "BAC", "region": "Bamako", "grade": "Sergent", "sex": "M"},
    {"id": "e", "unit": "BAC", "region": "Kayes", "grade": "Inspecteur", "sex": "F"},
]


def test_coverage_by_every_grouping():
    # trained: a (CIAT, Kayes, Inspecteur, F), c (BAC, Bamako, Sergent, M);
    # "z" left the staff and does not count.
    table = rules.coverage(STAFF, ["a", "c", "z"])
    assert list(table) == ["unit", "region", "grade", "sex"]
    assert table["unit"] == {
        "CIAT": {"staff": 2, "trained": 1, "share": 0.5},
        "BAC": {"staff": 3, "trained": 1, "share": 1 / 3},
    }
    assert table["region"]["Kayes"] == {"staff": 3, "trained": 1, "share": 1 / 3}
    assert table["region"]["Bamako"] == {"staff": 2, "trained": 1, "share": 0.5}
    assert table["grade"]["Inspecteur"] == {"staff": 2, "trained": 1, "share": 0.5}
    assert table["grade"]["Sergent"] == {"staff": 3, "trained": 1, "share": 1 / 3}
    assert table["sex"] == {
        "F": {"staff": 2, "trained": 1, "share": 0.5},
        "M": {"staff": 3, "trained": 1, "share": 1 / 3},
    }


def test_coverage_trained_as_rows_and_one_grouping():
    table = rules.coverage(STAFF, [{"id": "a"}, {"id": "e"}], by=("sex",))
    assert table == {
        "sex": {
            "F": {"staff": 2, "trained": 2, "share": 1.0},
            "M": {"staff": 3, "trained": 0, "share": 0.0},
        }
    }


def test_coverage_group_without_staff_has_no_share():
    table = rules.coverage(STAFF, ["a"], by=("unit",), groups={"unit": ["GMI"]})
    assert table["unit"]["GMI"] == {"staff": 0, "trained": 0, "share": None}
    assert rules.coverage([], [], by=("sex",)) == {"sex": {}}


def test_coverage_row_without_the_key():
    table = rules.coverage([{"id": "x"}], ["x"], by=("unit",))
    assert table == {"unit": {None: {"staff": 1, "trained": 1, "share": 1.0}}}
