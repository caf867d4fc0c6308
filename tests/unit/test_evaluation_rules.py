"""Evaluation rules without a site: grid, computed mark, objectives, the
acknowledge and contest windows, rater statistics."""

from datetime import date
from decimal import Decimal
import math
import pytest
from sirhp.content.evaluation import rules

GRID = {"assiduite": 40, "competence": 60}


def _codes(refusals):
    return [(r["code"], r["item"]) for r in refusals]


def test_valid_grid():
    assert rules.check_grid(GRID) == []
    assert rules.check_grid({"only": 100}) == []
    assert rules.check_grid({f"c{i}": 1 for i in range(100)}) == []


@pytest.mark.parametrize(
    "grid,codes",
    [
        ({}, [(rules.EMPTY_GRID, None)]),
        ({"a": 50, "b": 49}, [(rules.WEIGHTS_NOT_100, None)]),
        ({"a": 50, "b": 51}, [(rules.WEIGHTS_NOT_100, None)]),
        ({"a": 100, "b": 0}, [(rules.WEIGHT_NOT_POSITIVE, "b")]),
        ({"a": 110, "b": -10}, [(rules.WEIGHT_NOT_POSITIVE, "b")]),
        ({"a": 50.0, "b": 50}, [(rules.WEIGHT_NOT_INTEGER, "a")]),
        ({"a": "50", "b": 50}, [(rules.WEIGHT_NOT_INTEGER, "a")]),
        ({"a": True, "b": 99}, [(rules.WEIGHT_NOT_INTEGER, "a")]),
        (
            {"a": None, "b": 0},
            [(rules.WEIGHT_NOT_INTEGER, "a"), (rules.WEIGHT_NOT_POSITIVE, "b")],
        ),
    ],
)
def test_invalid_grid(grid, codes):
    assert _codes(rules.check_grid(grid)) == codes


@pytest.mark.parametrize(
    "marks,codes",
    [
        ({"assiduite": 0, "competence": 20}, []),
        ({"assiduite": "12.25", "competence": Decimal("19.99")}, []),
        ({"assiduite": 12.5, "competence": 13}, []),
        ({"assiduite": 12}, [(rules.MARK_MISSING, "competence")]),
        ({"assiduite": 12, "competence": None}, [(rules.MARK_MISSING, "competence")]),
        (
            {"assiduite": 20.01, "competence": 1},
            [(rules.MARK_OUT_OF_RANGE, "assiduite")],
        ),
        (
            {"assiduite": -0.5, "competence": 1},
            [(rules.MARK_OUT_OF_RANGE, "assiduite")],
        ),
        (
            {"assiduite": "12.345", "competence": 1},
            [(rules.MARK_TOO_PRECISE, "assiduite")],
        ),
        (
            {"assiduite": 12.001, "competence": 1},
            [(rules.MARK_TOO_PRECISE, "assiduite")],
        ),
        (
            {"assiduite": "bien", "competence": 1},
            [(rules.MARK_NOT_A_NUMBER, "assiduite")],
        ),
        (
            {"assiduite": False, "competence": 1},
            [(rules.MARK_NOT_A_NUMBER, "assiduite")],
        ),
        (
            {"assiduite": math.inf, "competence": 1},
            [(rules.MARK_NOT_A_NUMBER, "assiduite")],
        ),
        (
            {"assiduite": 1, "competence": 1, "tenue": 12},
            [(rules.MARK_UNKNOWN_CRITERION, "tenue")],
        ),
    ],
)
def test_check_marks(marks, codes):
    assert _codes(rules.check_marks(GRID, marks)) == codes


def test_check_marks_reports_an_invalid_grid_too():
    codes = _codes(rules.check_marks({"a": 50}, {"a": 12}))
    assert codes == [(rules.WEIGHTS_NOT_100, None)]


@pytest.mark.parametrize(
    "grid,marks,expected",
    [
        (GRID, {"assiduite": 12, "competence": 15}, "13.80"),
        (GRID, {"assiduite": 0, "competence": 0}, "0.00"),
        (GRID, {"assiduite": 20, "competence": 20}, "20.00"),
        # 1/3 weights: (10 × 33 + 11 × 33 + 12 × 34) / 100 = 11.01
        ({"a": 33, "b": 33, "c": 34}, {"a": 10, "b": 11, "c": 12}, "11.01"),
        # (12.35 × 50 + 12.34 × 50) / 100 = 12.345 → half up 12.35
        ({"a": 50, "b": 50}, {"a": "12.35", "b": "12.34"}, "12.35"),
        # the same marks given as floats: read as their text, same result
        ({"a": 50, "b": 50}, {"a": 12.35, "b": 12.34}, "12.35"),
        # (0.01 × 50 + 0 × 50) / 100 = 0.005 → 0.01
        ({"a": 50, "b": 50}, {"a": "0.01", "b": 0}, "0.01"),
        # (0.01 × 1 + 0 × 99) / 100 = 0.0001 → 0.00
        ({"a": 1, "b": 99}, {"a": "0.01", "b": 0}, "0.00"),
        # 12.995 → 13.00
        ({"a": 50, "b": 50}, {"a": "12.99", "b": 13}, "13.00"),
    ],
)
def test_weighted_mark(grid, marks, expected):
    mark = rules.weighted_mark(grid, marks)
    assert isinstance(mark, Decimal)
    assert str(mark) == expected


def test_float_rounding_would_differ():
    """Why Decimal: Python's round(2.675, 2) gives 2.67 (binary 2.67499...)."""
    assert round(2.675, 2) == 2.67
    assert rules.round_half_up("12.345") == Decimal("12.35")
    assert rules.round_half_up("2.675") == Decimal("2.68")


def test_weighted_mark_refuses_invalid_input():
    with pytest.raises(rules.InvalidEvaluation) as error:
        rules.weighted_mark(GRID, {"assiduite": 21})
    assert _codes(error.value.codes) == [
        (rules.MARK_OUT_OF_RANGE, "assiduite"),
        (rules.MARK_MISSING, "competence"),
    ]
    assert isinstance(error.value, ValueError)


def _objectives(*pairs):
    return [
        {"objective": f"o{i}", "weight": w, "achievement": a}
        for i, (w, a) in enumerate(pairs)
    ]


@pytest.mark.parametrize(
    "pairs,expected",
    [
        (((60, 80), (40, 50)), "13.60"),  # 68 % of 20
        (((100, 100),), "20.00"),
        (((100, 0),), "0.00"),
        (((50, 100), (50, 0)), "10.00"),
        # 33.33 % of 20 = 6.666 → 6.67
        (((100, "33.33"),), "6.67"),
        # 0.03 % of 20 = 0.006 → 0.01
        (((100, "0.03"),), "0.01"),
        # 41.67 % of 20 = 8.334 → 8.33
        (((100, "41.67"),), "8.33"),
        (((50, "83.35"), (50, 0)), "8.34"),  # 41.675 % → 8.335 → 8.34
    ],
)
def test_objectives_mark(pairs, expected):
    assert str(rules.objectives_mark(_objectives(*pairs))) == expected


@pytest.mark.parametrize(
    "pairs,codes",
    [
        (((100, 100.01),), [(rules.ACHIEVEMENT_OUT_OF_RANGE, "o0")]),
        (((100, -1),), [(rules.ACHIEVEMENT_OUT_OF_RANGE, "o0")]),
        (((100, "50.005"),), [(rules.ACHIEVEMENT_TOO_PRECISE, "o0")]),
        (((100, "moitié"),), [(rules.ACHIEVEMENT_NOT_A_NUMBER, "o0")]),
        (((100, None),), [(rules.ACHIEVEMENT_MISSING, "o0")]),
        (((60, 10), (30, 10)), [(rules.WEIGHTS_NOT_100, None)]),
        (((100, 10), (0, 10)), [(rules.WEIGHT_NOT_POSITIVE, "o1")]),
        ((), [(rules.EMPTY_GRID, None)]),
    ],
)
def test_invalid_objectives(pairs, codes):
    objectives = _objectives(*pairs)
    assert _codes(rules.check_objectives(objectives)) == codes
    with pytest.raises(rules.InvalidEvaluation):
        rules.objectives_mark(objectives)


NOTIFIED = date(2026, 3, 1)


def test_acknowledge_deadline():
    assert rules.acknowledge_deadline(NOTIFIED, 15) == date(2026, 3, 16)
    assert rules.acknowledge_deadline(NOTIFIED, 0) == NOTIFIED
    # across a leap February
    assert rules.acknowledge_deadline(date(2028, 2, 20), 10) == date(2028, 3, 1)
    assert rules.acknowledge_deadline(date(2026, 12, 25), 15) == date(2027, 1, 9)


@pytest.mark.parametrize(
    "at,silence,contest",
    [
        (date(2026, 2, 28), False, False),  # before notification
        (date(2026, 3, 1), False, True),  # notification day
        (date(2026, 3, 16), False, True),  # deadline day
        (date(2026, 3, 17), True, False),  # the day after
        (date(2027, 1, 1), True, False),
    ],
)
def test_windows(at, silence, contest):
    assert rules.silence_counts_as_acknowledged(NOTIFIED, 15, at) is silence
    assert rules.may_contest(NOTIFIED, 15, at) is contest


def test_rater_stats():
    stats = rules.rater_stats(
        {
            # mean (12 + 14 + 16 + 18) / 4 = 15; gaps -3 -1 1 3, squares
            # 9 1 1 9, mean 5, stdev √5; above 16: only 18 → 1/4
            "lenient": [12, 14, 16, 18],
            "single": ["17.5"],
            "none": [],
            "with_blank": [10, None, Decimal("10")],
        }
    )
    assert stats["lenient"]["count"] == 4
    assert stats["lenient"]["mean"] == 15
    assert stats["lenient"]["stdev"] == pytest.approx(math.sqrt(5))
    assert stats["lenient"]["share_above_16"] == 0.25
    assert stats["single"] == {
        "count": 1,
        "mean": 17.5,
        "stdev": None,
        "share_above_16": 1.0,
    }
    assert stats["none"] == {
        "count": 0,
        "mean": None,
        "stdev": None,
        "share_above_16": None,
    }
    assert stats["with_blank"] == {
        "count": 2,
        "mean": 10.0,
        "stdev": 0.0,
        "share_above_16": 0.0,
    }


def test_rater_stats_exactly_16_is_not_above():
    stats = rules.rater_stats({"x": [16, "16.01"]})
    assert stats["x"]["share_above_16"] == 0.5
    assert stats["x"]["stdev"] == pytest.approx(0.005)


def test_rater_flags_against_the_campaign_mean():
    stats = rules.rater_stats(
        {
            # every mark: 3 × 17 + 3 × 11 + 3 × 14 + 2 × 20 = 166 on 11
            "lenient": [17, 17, 17],
            "severe": [11, 11, 11],
            "fair": [14, 14, 14],
            "few": [20, 20],  # 2 marks: never flagged
            "none": [],
        }
    )
    flags, overall = rules.rater_flags(stats)
    assert overall == pytest.approx(166 / 11)  # 15.09
    # 17 - 15.09 = 1.91 < 2: not lenient; 11 ≤ 15.09 - 2: severe
    assert flags == {
        "lenient": None,
        "severe": "severe",
        "fair": None,
        "few": None,
        "none": None,
    }


def test_rater_flags_at_exactly_the_gap():
    # overall (18 × 3 + 14 × 3 + 10 × 3) / 9 = 14: 18 and 10 are 4 away,
    # 16 exactly 2 away
    stats = rules.rater_stats({"a": [18] * 3, "b": [14] * 3, "c": [10] * 3})
    flags, overall = rules.rater_flags(stats)
    assert overall == 14
    assert flags == {"a": "lenient", "b": None, "c": "severe"}
    stats = rules.rater_stats({"a": [16] * 3, "b": [12] * 3, "c": [14] * 6})
    flags, overall = rules.rater_flags(stats)
    assert overall == 14
    assert flags == {"a": "lenient", "b": "severe", "c": None}


def test_rater_flags_without_marks():
    assert rules.rater_flags({}) == ({}, None)
    assert rules.rater_flags(rules.rater_stats({"x": []})) == ({"x": None}, None)
