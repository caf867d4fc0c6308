"""Promotion rules without a site: eligibility boundaries, ranking and its
ties, the effective date, departures, échelons by seniority, leap days."""

from datetime import date
from decimal import Decimal
import pytest
from sirhp.content.promotion import rules

AT = date(2026, 6, 15)

OFFICER = {
    "grade_date": date(2022, 6, 15),
    "hire_date": date(2010, 3, 1),
    "birth_date": date(1980, 1, 10),
    "status": "active",
    "marks": {2023: 14, 2024: 15, 2025: 16},
    "trainings": ["OPJ", "TIR"],
    "sanctions": [],
    "age_limit": 62,
}

RULE = {
    "min_years_in_grade": 4,
    "min_years_in_service": 10,
    "min_average_mark": 15,
    "over_last_campaigns": 3,
    "required_trainings": ["OPJ"],
    "max_sanction_level": 1,
    "sanction_years": 2,
    "status": "active",
}


def _check(officer=None, rule=None, at=AT, **changes):
    return rules.eligibility(
        {**OFFICER, **(officer or {}), **changes}, rule or RULE, at
    )


def _criterion(result, name):
    return next(c for c in result["criteria"] if c["criterion"] == name)


def test_eligible_on_every_criterion():
    result = _check()
    assert result["eligible"] is True
    assert [c["criterion"] for c in result["criteria"]] == [
        rules.STATUS,
        rules.YEARS_IN_GRADE,
        rules.YEARS_IN_SERVICE,
        rules.AVERAGE_MARK,
        rules.TRAININGS,
        rules.SANCTIONS,
        rules.AGE_LIMIT,
    ]
    assert _criterion(result, rules.YEARS_IN_GRADE) == {
        "criterion": rules.YEARS_IN_GRADE,
        "required": 4,
        "actual": 4,
        "met": True,
    }
    assert _criterion(result, rules.AVERAGE_MARK)["actual"] == Decimal("15.00")
    assert _criterion(result, rules.AGE_LIMIT)["actual"] == 46


@pytest.mark.parametrize(
    "at,met",
    [
        (date(2026, 6, 14), False),  # the day before the 4th anniversary
        (date(2026, 6, 15), True),  # the anniversary itself
        (date(2026, 6, 16), True),
    ],
)
def test_years_in_grade_boundary(at, met):
    result = _check(at=at, officer={"birth_date": date(1980, 1, 10)})
    assert _criterion(result, rules.YEARS_IN_GRADE)["met"] is met
    assert result["eligible"] is met


@pytest.mark.parametrize(
    "years,at,met",
    [
        # in grade since 29 February 2024; 2027 is common: 28 February counts
        (3, date(2027, 2, 27), False),
        (3, date(2027, 2, 28), True),
        # 2028 is leap: the anniversary is 29 February itself
        (4, date(2028, 2, 28), False),
        (4, date(2028, 2, 29), True),
        (1, date(2025, 2, 28), True),
        (1, date(2025, 2, 27), False),
    ],
)
def test_years_in_grade_from_a_leap_day(years, at, met):
    officer = {**OFFICER, "grade_date": date(2024, 2, 29)}
    result = rules.eligibility(officer, {"min_years_in_grade": years}, at)
    assert _criterion(result, rules.YEARS_IN_GRADE)["met"] is met


@pytest.mark.parametrize(
    "start,at,years",
    [
        (date(2024, 2, 29), date(2025, 2, 27), 0),
        (date(2024, 2, 29), date(2025, 2, 28), 1),
        (date(2024, 2, 29), date(2028, 2, 28), 3),
        (date(2024, 2, 29), date(2028, 2, 29), 4),
        (date(2020, 6, 15), date(2026, 6, 14), 5),
        (date(2020, 6, 15), date(2026, 6, 15), 6),
        (date(2026, 6, 15), date(2026, 6, 1), 0),  # not started yet
        (None, date(2026, 6, 1), None),
    ],
)
def test_full_years(start, at, years):
    assert rules.full_years(start, at) == years


@pytest.mark.parametrize(
    "at,met",
    [(date(2020, 2, 29), False), (date(2020, 3, 1), True)],
)
def test_years_in_service_boundary(at, met):
    result = rules.eligibility(OFFICER, {"min_years_in_service": 10}, at)
    assert _criterion(result, rules.YEARS_IN_SERVICE)["met"] is met


def test_missing_dates_are_not_met():
    result = _check(grade_date=None, hire_date=None)
    assert _criterion(result, rules.YEARS_IN_GRADE) == {
        "criterion": rules.YEARS_IN_GRADE,
        "required": 4,
        "actual": None,
        "met": False,
    }
    assert _criterion(result, rules.YEARS_IN_SERVICE)["met"] is False
    assert result["eligible"] is False


@pytest.mark.parametrize(
    "marks,actual,met",
    [
        ({2023: 14, 2024: 15, 2025: 16}, "15.00", True),  # exactly the minimum
        ({2023: 14, 2024: 15, 2025: "15.97"}, "14.99", False),  # 44.97 / 3 = 14.99
        (
            {2023: "14.99", 2024: 15, 2025: 15},
            "15.00",
            True,
        ),  # 44.99 / 3 = 14.996… → 15.00
        # last 3 campaigns WITH a mark: 2025 (None) skipped, 2024-2022 used
        ({2021: 20, 2022: 5, 2023: 10, 2024: 15, 2025: None}, "10.00", False),
        ({2022: 20, 2023: 16, 2024: 15, 2025: None}, "17.00", True),
        # fewer marked campaigns than asked: over those there are
        ({2025: 16}, "16.00", True),
        ({2024: None, 2025: None}, None, False),
        ({}, None, False),
        # the campaign of a later year does not count yet
        ({2024: 15, 2025: 15, 2027: 20, 2023: 15}, "15.00", True),
    ],
)
def test_average_over_the_last_marked_campaigns(marks, actual, met):
    criterion = _criterion(_check(marks=marks), rules.AVERAGE_MARK)
    expected = None if actual is None else Decimal(actual)
    assert criterion["actual"] == expected
    assert criterion["met"] is met
    assert criterion["required"] == 15


def test_average_rounding_boundary():
    # (14.99 + 15 + 15) / 3 = 14.99666... → 15.00: the mark shown is the one
    # compared, so it meets a minimum of 15
    assert rules.average_mark({1: "14.99", 2: 15, 3: 15}, 3) == Decimal("15.00")
    # (14.98 + 15 + 15) / 3 = 14.99333... → 14.99
    assert rules.average_mark({1: "14.98", 2: 15, 3: 15}, 3) == Decimal("14.99")
    # no number of campaigns: every marked one
    assert rules.average_mark({1: 10, 2: 20, 3: 12}, None) == Decimal("14.00")


def test_trainings():
    rule = {"required_trainings": ["TIR", "OPJ", "SECOURISME"]}
    result = rules.eligibility(OFFICER, rule, AT)
    assert _criterion(result, rules.TRAININGS) == {
        "criterion": rules.TRAININGS,
        "required": ["OPJ", "SECOURISME", "TIR"],
        "actual": ["OPJ", "TIR"],
        "met": False,
    }
    assert result["eligible"] is False
    ok = rules.eligibility(
        {**OFFICER, "trainings": ["OPJ", "TIR", "SECOURISME"]}, rule, AT
    )
    assert ok["eligible"] is True


@pytest.mark.parametrize(
    "sanctions,worst,met",
    [
        ([], 0, True),
        ([(date(2025, 1, 1), 1)], 1, True),  # at the maximum: allowed
        ([(date(2025, 1, 1), 2)], 2, False),  # above: not
        ([(date(2024, 6, 15), 2)], 2, False),  # exactly 2 years before: counts
        ([(date(2024, 6, 14), 3)], 0, True),  # the day before: out of window
        ([(date(2026, 6, 16), 3)], 0, True),  # after at: not yet
        ([(date(2024, 6, 14), 3), (date(2026, 6, 15), 1)], 1, True),
    ],
)
def test_sanctions(sanctions, worst, met):
    criterion = _criterion(_check(sanctions=sanctions), rules.SANCTIONS)
    assert criterion["actual"] == worst
    assert criterion["required"] == 1
    assert criterion["met"] is met


def test_sanctions_without_a_window_count_forever():
    rule = {"max_sanction_level": 1}
    officer = {**OFFICER, "sanctions": [(date(1999, 1, 1), 3)]}
    assert rules.eligibility(officer, rule, AT)["eligible"] is False


def test_sanction_window_from_a_leap_day():
    rule = {"max_sanction_level": 0, "sanction_years": 1}
    officer = {**OFFICER, "sanctions": [(date(2027, 2, 28), 1)]}
    # one year before 29 February 2028 is 28 February 2027: inside
    assert rules.eligibility(officer, rule, date(2028, 2, 29))["eligible"] is False
    assert rules.eligibility(officer, rule, date(2028, 3, 1))["eligible"] is True


@pytest.mark.parametrize(
    "at,met",
    [
        (date(2042, 1, 9), True),  # the day before the 62nd birthday
        (date(2042, 1, 10), False),  # the day the limit is reached
        (date(2042, 1, 11), False),
    ],
)
def test_age_limit(at, met):
    rule = {"status": "active"}
    result = rules.eligibility(OFFICER, rule, at)
    assert _criterion(result, rules.AGE_LIMIT)["met"] is met
    assert result["eligible"] is met


def test_age_limit_born_on_a_leap_day():
    officer = {**OFFICER, "birth_date": date(1964, 2, 29), "age_limit": 61}
    # 2025 is common: the limit is reached on 28 February 2025
    assert rules.eligibility(officer, {}, date(2025, 2, 27))["eligible"] is True
    assert rules.eligibility(officer, {}, date(2025, 2, 28))["eligible"] is False


def test_no_age_limit_no_criterion():
    result = rules.eligibility({**OFFICER, "age_limit": None}, {}, AT)
    assert [c["criterion"] for c in result["criteria"]] == [rules.STATUS]
    assert result["eligible"] is True


@pytest.mark.parametrize("status,eligible", [("active", True), ("suspended", False)])
def test_status(status, eligible):
    result = _check(status=status)
    assert _criterion(result, rules.STATUS)["actual"] == status
    assert result["eligible"] is eligible


def test_rule_status_other_than_active():
    result = rules.eligibility(
        {**OFFICER, "status": "detached"}, {"status": "detached"}, AT
    )
    assert result["eligible"] is True


def _candidate(
    matricule,
    mark,
    grade=date(2020, 1, 1),
    hire=date(2010, 1, 1),
    birth=date(1985, 1, 1),
):
    return {
        "matricule": matricule,
        "average_mark": mark,
        "grade_date": grade,
        "hire_date": hire,
        "birth_date": birth,
    }


def _ranks(rows):
    return [(r["matricule"], r["rank"]) for r in rows]


def test_rank_by_mark():
    ranked = rules.rank([_candidate("A", 14), _candidate("B", 16), _candidate("C", 15)])
    assert _ranks(ranked) == [("B", 1), ("C", 2), ("A", 3)]
    assert ranked[0]["score"] == 16


def test_rank_ties_broken_in_order():
    candidates = [
        _candidate("M5", 15),  # all equal to M4 but the matricule
        _candidate("M4", 15),
        _candidate("M3", 15, birth=date(1980, 1, 1)),  # older
        _candidate("M2", 15, hire=date(2005, 1, 1)),  # longer service
        _candidate("M1", 15, grade=date(2019, 1, 1)),  # longer in grade
        _candidate("M0", "15.01"),
    ]
    assert _ranks(rules.rank(candidates)) == [
        ("M0", 1),
        ("M1", 2),
        ("M2", 3),
        ("M3", 4),
        ("M4", 5),
        ("M5", 6),
    ]


def test_rank_tie_breakers_in_priority():
    # longer in grade beats longer service and age
    candidates = [
        _candidate(
            "A",
            15,
            grade=date(2020, 1, 2),
            hire=date(1990, 1, 1),
            birth=date(1960, 1, 1),
        ),
        _candidate("B", 15, grade=date(2020, 1, 1)),
    ]
    assert _ranks(rules.rank(candidates)) == [("B", 1), ("A", 2)]


def test_same_rank_only_when_everything_is_equal():
    candidates = [
        _candidate("X", 15),
        _candidate("X", Decimal("15.00")),
        _candidate("Y", 14),
    ]
    assert _ranks(rules.rank(candidates)) == [("X", 1), ("X", 1), ("Y", 3)]


def test_rank_is_stable_and_does_not_change_the_input():
    candidates = [_candidate("B", 12), _candidate("A", 12)]
    ranked = rules.rank(candidates)
    assert _ranks(ranked) == [("A", 1), ("B", 2)]
    assert "rank" not in candidates[0]
    assert _ranks(rules.rank(list(reversed(candidates)))) == _ranks(ranked)


def test_rank_with_seniority_weight():
    at = date(2026, 1, 1)
    candidates = [
        _candidate("A", 16, grade=date(2024, 1, 1)),  # 16 × 1 + 2 years × 0.5 = 17
        _candidate("B", 14, grade=date(2018, 1, 2)),  # 14 + 7 × 0.5 = 17.5
        _candidate("C", 15, grade=date(2022, 1, 1)),  # 15 + 4 × 0.5 = 17
    ]
    formula = {"mark_weight": 1, "seniority_weight": "0.5", "at": at}
    ranked = rules.rank(candidates, formula)
    assert _ranks(ranked) == [("B", 1), ("C", 2), ("A", 3)]  # C longer in grade
    assert [r["score"] for r in ranked] == [Decimal("17.5"), 17, 17]
    assert [r["years_in_grade"] for r in ranked] == [7, 4, 2]


def test_rank_seniority_needs_a_date():
    with pytest.raises(ValueError):
        rules.rank([_candidate("A", 12)], {"seniority_weight": 1})


def test_rank_without_a_mark_comes_last():
    ranked = rules.rank([_candidate("A", None), _candidate("B", 0)])
    assert _ranks(ranked) == [("B", 1), ("A", 2)]
    assert ranked[1]["score"] is None


@pytest.mark.parametrize(
    "decided_on,effective",
    [
        (date(2026, 1, 1), date(2026, 4, 1)),  # ON a quarter's first day: next one
        (date(2026, 2, 14), date(2026, 4, 1)),
        (date(2026, 3, 31), date(2026, 4, 1)),
        (date(2026, 4, 1), date(2026, 7, 1)),
        (date(2026, 6, 30), date(2026, 7, 1)),
        (date(2026, 7, 1), date(2026, 10, 1)),
        (date(2026, 9, 30), date(2026, 10, 1)),
        (date(2026, 10, 1), date(2027, 1, 1)),
        (date(2026, 12, 31), date(2027, 1, 1)),
        (date(2028, 2, 29), date(2028, 4, 1)),
    ],
)
def test_effective_date(decided_on, effective):
    assert rules.effective_date(decided_on) == effective


RANKING = [
    {"matricule": "A", "rank": 1},
    {"matricule": "B", "rank": 2},
    {"matricule": "C", "rank": 3},
    {"matricule": "D", "rank": 3},
    {"matricule": "E", "rank": 5},
]


def test_no_departure_in_ranking_order():
    decisions = {"A": "promoted", "B": "promoted", "C": "deferred", "E": "refused"}
    assert rules.departures(RANKING, decisions) == []


def test_departures_need_a_reason():
    decisions = {
        "A": "deferred",
        "B": {"decision": "promoted", "reason": "  "},
        "C": "refused",
        "D": {"decision": "promoted", "reason": "Blessé en service commandé"},
        "E": "promoted",
    }
    assert rules.departures(list(reversed(RANKING)), decisions) == [
        {
            "matricule": "B",
            "rank": 2,
            "passed_over": ["A"],
            "reason": "  ",
            "reason_missing": True,
        },
        {
            "matricule": "D",
            "rank": 3,
            "passed_over": ["A"],  # C has the same rank: not passed over
            "reason": "Blessé en service commandé",
            "reason_missing": False,
        },
        {
            "matricule": "E",
            "rank": 5,
            "passed_over": ["A", "C"],
            "reason": None,
            "reason_missing": True,
        },
    ]


def test_undecided_candidates_are_not_passed_over():
    assert rules.departures(RANKING, {"E": "promoted"}) == []


DURATIONS = {1: 2, 2: 2, 3: 3}  # échelon 4 is the last


@pytest.mark.parametrize(
    "echelon,since,at,due",
    [
        (1, date(2024, 5, 10), date(2025, 1, 1), date(2026, 5, 10)),
        (1, date(2024, 5, 10), date(2026, 5, 9), date(2026, 5, 10)),
        # on the due day the échelon is reached: the next one is due
        (1, date(2024, 5, 10), date(2026, 5, 10), date(2028, 5, 10)),
        # not recorded for years: 2 in 2026, 3 in 2028, next 4 in 2031
        (1, date(2024, 5, 10), date(2030, 1, 1), date(2031, 5, 10)),
        (3, date(2024, 5, 10), date(2025, 1, 1), date(2027, 5, 10)),
        (4, date(2024, 5, 10), date(2025, 1, 1), None),  # last échelon
        (3, date(2020, 5, 10), date(2025, 1, 1), None),  # reached the last
        (1, date(2024, 2, 29), date(2024, 3, 1), date(2026, 2, 28)),
        (2, date(2024, 2, 29), date(2024, 3, 1), date(2026, 2, 28)),
        # 2 years from 29 Feb 2024 = 28 Feb 2026, then 2 more: 28 Feb 2028
        (1, date(2024, 2, 29), date(2026, 3, 1), date(2028, 2, 28)),
    ],
)
def test_echelon_due(echelon, since, at, due):
    assert rules.echelon_due(echelon, since, DURATIONS, at) == due


def test_echelon_durations_as_a_list():
    assert rules.echelon_due(2, date(2024, 5, 10), [2, 3], date(2025, 1, 1)) == date(
        2027, 5, 10
    )
    assert rules.echelon_due(3, date(2024, 5, 10), [2, 3], date(2025, 1, 1)) is None
    assert rules.echelon_at(1, date(2020, 5, 10), [2, 3], date(2026, 1, 1)) == (
        3,
        date(2025, 5, 10),
    )


def test_a_known_retirement_date_stands_for_the_computed_one():
    # the bulk path reads the indexed retirement date, not the birth date
    officer = {**OFFICER, "birth_date": None, "retirement_date": date(2026, 6, 16)}
    assert rules.eligibility(officer, {}, AT)["eligible"] is True
    assert rules.eligibility(officer, {}, date(2026, 6, 16))["eligible"] is False
