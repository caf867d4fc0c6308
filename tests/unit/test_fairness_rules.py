"""Fairness measures without a site: selection rates and impact ratios on a
hand-computed table, Fisher's exact test against known values and a brute
enumeration, medians and mark distributions."""

from datetime import date
from fractions import Fraction
import itertools
import math
import pytest
from sirhp.content.fairness import rules


def _rows(group, eligible, promoted, not_eligible=0, by="group"):
    rows = [
        {by: group, "eligible": True, "promoted": i < promoted} for i in range(eligible)
    ]
    rows += [{by: group, "eligible": False, "promoted": False}] * not_eligible
    return rows


# Hand computation of the table below:
#   group   eligible  promoted  rate              impact ratio (÷ 0.30)   flag
#   Bamako     40        12     12/40 = 0.30      0.30/0.30 = 1           no
#   Kayes      25         6      6/25 = 0.24      0.24/0.30 = 0.8         no (not below)
#   Mopti      20         4      4/20 = 0.20      0.20/0.30 = 0.666...    yes
#   Gao        10         3      3/10 = 0.30      1                       no
#   Kidal       0         0      none             none                    no
# (Kidal has 2 officers, neither eligible; Mopti has 5 more not eligible,
# and one promoted while not eligible — an exceptional promotion, not counted.)
TABLE_ROWS = (
    _rows("Bamako", 40, 12)
    + _rows("Kayes", 25, 6)
    + _rows("Mopti", 20, 4, not_eligible=5)
    + [{"group": "Mopti", "eligible": False, "promoted": True}]
    + _rows("Gao", 10, 3)
    + _rows("Kidal", 0, 0, not_eligible=2)
)


def test_selection_rates_hand_computed():
    table = rules.selection_rates(TABLE_ROWS)
    assert list(table) == ["Bamako", "Kayes", "Mopti", "Gao", "Kidal"]
    assert table["Bamako"] == {
        "eligible": 40,
        "promoted": 12,
        "selection_rate": 0.3,
        "impact_ratio": 1.0,
        "flag": False,
    }
    assert table["Kayes"] == {
        "eligible": 25,
        "promoted": 6,
        "selection_rate": 0.24,
        "impact_ratio": 0.8,
        "flag": False,  # exactly four fifths: not below
    }
    assert table["Mopti"]["eligible"] == 20
    assert table["Mopti"]["promoted"] == 4
    assert table["Mopti"]["selection_rate"] == 0.2
    assert table["Mopti"]["impact_ratio"] == pytest.approx(2 / 3)
    assert table["Mopti"]["flag"] is True
    assert table["Gao"]["impact_ratio"] == 1.0
    assert table["Kidal"] == {
        "eligible": 0,
        "promoted": 0,
        "selection_rate": None,
        "impact_ratio": None,
        "flag": False,
    }


def test_four_fifths_is_compared_exactly():
    # A: 3/4 = 0.75, B: 3/5 = 0.6; 0.6 / 0.75 = 4/5 exactly, but in floats
    # 0.7999999999999999, which a float comparison would flag
    assert (3 / 5) / (3 / 4) < 0.8
    table = rules.selection_rates(_rows("A", 4, 3) + _rows("B", 5, 3))
    assert table["B"]["impact_ratio"] == pytest.approx(0.8)
    assert table["B"]["flag"] is False
    assert rules.selection_rates(TABLE_ROWS)["Kayes"]["flag"] is False


def test_just_below_four_fifths_is_flagged():
    # 79/100 ÷ 100/100 = 0.79
    table = rules.selection_rates(_rows("A", 100, 100) + _rows("B", 100, 79))
    assert table["B"]["impact_ratio"] == 0.79
    assert table["B"]["flag"] is True


def test_nobody_promoted_no_ratio():
    table = rules.selection_rates(_rows("F", 5, 0) + _rows("M", 8, 0))
    assert table["F"] == {
        "eligible": 5,
        "promoted": 0,
        "selection_rate": 0.0,
        "impact_ratio": None,
        "flag": False,
    }
    assert table["M"]["impact_ratio"] is None


def test_selection_rates_by_another_key():
    rows = _rows("F", 4, 1, by="sex") + _rows("M", 4, 2, by="sex")
    table = rules.selection_rates(rows, by="sex")
    assert table["F"]["impact_ratio"] == 0.5
    assert table["F"]["flag"] is True
    assert rules.selection_rates([]) == {}


def _brute_fisher(a, b, c, d):
    """Fisher's two-sided p by listing every 2x2 table with the same
    margins and its probability from factorials (hand-checkable)."""
    row1, row2, col1, col2 = a + b, c + d, a + c, b + d
    n = row1 + row2
    fact = math.factorial

    def probability(x):
        cells = (x, row1 - x, col1 - x, row2 - col1 + x)
        margins = fact(row1) * fact(row2) * fact(col1) * fact(col2)
        return Fraction(margins, fact(n) * math.prod(fact(v) for v in cells))

    tables = [x for x in range(0, row1 + 1) if 0 <= col1 - x <= row2]
    observed = probability(a)
    return float(sum(probability(x) for x in tables if probability(x) <= observed))


@pytest.mark.parametrize(
    "table,p",
    [
        ((3, 1, 1, 3), 0.4857142857142857),  # the tea-tasting lady
        ((8, 2, 1, 5), 0.03496503496503497),
        ((1, 9, 11, 3), 0.0027594561852200836),  # scipy's documentation
        ((0, 5, 5, 0), 2 / 252),  # 2 extreme tables of C(10, 5) = 252
        ((2, 2, 2, 2), 1.0),
        ((0, 0, 0, 0), 1.0),
        ((5, 0, 0, 0), 1.0),
        ((0, 3, 0, 4), 1.0),
    ],
)
def test_fisher_known_values(table, p):
    assert rules.fisher_exact(*table) == pytest.approx(p, rel=1e-12)


def test_tea_tasting_by_hand():
    # margins 4/4, 4/4: C(4,x) C(4,4-x) / C(8,4) = 1, 16, 36, 16, 1 over 70;
    # observed x=3 (16/70): tables with p ≤ 16/70 are 0, 1, 3, 4: 34/70
    assert rules.fisher_exact(3, 1, 1, 3) == pytest.approx(34 / 70)


def test_fisher_matches_brute_enumeration():
    """Every table with cells 0 to 4, and a few larger ones."""
    tables = [*itertools.product(range(5), repeat=4), (7, 3, 2, 9), (12, 5, 3, 14)]
    for table in tables:
        expected = _brute_fisher(*table)
        assert rules.fisher_exact(*table) == pytest.approx(expected, rel=1e-12), table


@pytest.mark.parametrize("table", [(-1, 0, 0, 0), (1.5, 0, 0, 0), (True, 0, 0, 0)])
def test_fisher_refuses_bad_cells(table):
    with pytest.raises(ValueError):
        rules.fisher_exact(*table)


def test_group_vs_rest():
    # Mopti: 4 promoted, 16 not; the others (Bamako, Kayes, Gao; Kidal has
    # no eligible): 12 + 6 + 3 = 21 promoted, 28 + 19 + 7 = 54 not
    result = rules.group_vs_rest(TABLE_ROWS, "Mopti")
    assert result["table"] == ((4, 16), (21, 54))
    assert result["p_value"] == pytest.approx(_brute_fisher(4, 16, 21, 54))
    assert 0 < result["p_value"] <= 1


def test_group_vs_rest_by_sex():
    rows = _rows("F", 10, 1, by="sex") + _rows("M", 4, 3, by="sex")
    result = rules.group_vs_rest(rows, "F", by="sex")
    assert result["table"] == ((1, 9), (3, 1))
    assert result["p_value"] == pytest.approx(_brute_fisher(1, 9, 3, 1))


def test_median_time_in_grade():
    rows = [
        {"group": "F", "grade_date": date(2020, 1, 1), "promoted_on": date(2021, 1, 1)},
        {"group": "F", "grade_date": date(2020, 1, 1), "promoted_on": date(2023, 1, 1)},
        {"group": "F", "grade_date": date(2020, 1, 1), "promoted_on": date(2020, 7, 1)},
        {"group": "M", "grade_date": date(2020, 1, 1), "promoted_on": date(2021, 1, 1)},
        {"group": "M", "grade_date": date(2020, 1, 1), "promoted_on": date(2022, 1, 1)},
        {"group": "M", "grade_date": date(2020, 1, 1), "promoted_on": None},
        {"group": "X", "grade_date": date(2020, 1, 1)},
    ]
    table = rules.median_time_in_grade(rows)
    # F: 182, 366 (2020 is leap), 1096 days: the middle one is 366
    assert table["F"] == {"count": 3, "median_days": 366, "median_years": 366 / 365.25}
    # M: 366 and 731: the mean of the two, 548.5
    assert table["M"]["count"] == 2
    assert table["M"]["median_days"] == 548.5
    assert table["X"] == {"count": 0, "median_days": None, "median_years": None}


def test_mark_distribution():
    rows = [
        {"evaluator": "A", "mark": 12},
        {"evaluator": "A", "mark": "14.5"},
        {"evaluator": "A", "mark": 19},
        {"evaluator": "B", "mark": 10},
        {"evaluator": "B", "mark": 11},
        {"evaluator": "B", "mark": None},
        {"evaluator": "C", "mark": None},
    ]
    table = rules.mark_distribution(rows, by="evaluator")
    # A: (12 + 14.5 + 19) / 3 = 15.1666..., middle 14.5
    assert table["A"]["count"] == 3
    assert table["A"]["mean"] == pytest.approx(45.5 / 3)
    assert table["A"]["median"] == 14.5
    assert table["B"] == {"count": 2, "mean": 10.5, "median": 10.5}
    assert table["C"] == {"count": 0, "mean": None, "median": None}
