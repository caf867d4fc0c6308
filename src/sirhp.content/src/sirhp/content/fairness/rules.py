"""Fairness measures of promotion and evaluation (pure: no Zope import).

Each figure is a signal to look into, not proof of discrimination: a small
group can show a low rate by chance, which is what Fisher's exact test
measures. Rows are plain dicts; ``by`` names the key that gives the group
(``"group"`` by default; ``"sex"``, ``"region"``, ``"corps"``...).
"""

from fractions import Fraction
import math
import statistics

# The four-fifths rule (29 CFR 1607.4(D)): an impact ratio below 4/5 is
# flagged. Compared as exact fractions: 0.24 / 0.30 is 0.8, not 0.7999...
FOUR_FIFTHS = Fraction(4, 5)

# Two tables as probable as each other up to this relative gap count as
# equally probable in Fisher's test (as scipy does, against rounding).
RELATIVE_TOLERANCE = Fraction(1, 10**7)

DAYS_PER_YEAR = 365.25


def _groups(rows, by):
    """{group: [rows]} in the order groups first appear."""
    groups = {}
    for row in rows:
        groups.setdefault(row.get(by), []).append(row)
    return groups


def _float(value):
    return None if value is None else float(value)


def selection_rates(rows, by="group"):
    """Promotion rate of each group, compared with the best group.

    ``rows``: ``{<by>: group, "eligible": bool, "promoted": bool}``, one per
    officer. For each group: ``{"eligible", "promoted", "selection_rate",
    "impact_ratio", "flag"}``:

    - eligible: the officers of the group who were eligible;
    - promoted: those of them who were promoted (a promotion of someone not
      eligible, such as an exceptional promotion, is not counted here);
    - selection_rate = promoted ÷ eligible (None when nobody was eligible);
    - impact_ratio = the group's rate ÷ the highest rate of all groups (1
      for the best group; None when the highest rate is 0 or the group has
      no rate);
    - flag: True when the impact ratio is below 0.8 (four-fifths rule): the
      group is promoted at less than four fifths of the best group's rate.
    """
    counts = {}
    for group, members in _groups(rows, by).items():
        eligible = [r for r in members if r.get("eligible")]
        promoted = sum(1 for r in eligible if r.get("promoted"))
        rate = Fraction(promoted, len(eligible)) if eligible else None
        counts[group] = (len(eligible), promoted, rate)
    rates = [rate for _, _, rate in counts.values() if rate is not None]
    best = max(rates, default=None)
    table = {}
    for group, (eligible, promoted, rate) in counts.items():
        ratio = rate / best if rate is not None and best else None
        table[group] = {
            "eligible": eligible,
            "promoted": promoted,
            "selection_rate": _float(rate),
            "impact_ratio": _float(ratio),
            "flag": ratio is not None and ratio < FOUR_FIFTHS,
        }
    return table


def fisher_exact(a, b, c, d):
    """Two-sided p-value of Fisher's exact test on the table
    ``[[a, b], [c, d]]`` (whole numbers, 0 or more).

    In words: keep the totals of each row and column, list every table that
    has them, and compute the chance of each if promotion were blind to the
    group (hypergeometric law: C(col1, x) × C(n − col1, row1 − x) ÷
    C(n, row1)). The p-value adds the chances of the tables as unlikely as
    the one observed, or more. A small p-value (say under 0.05) means a gap
    this large rarely happens by chance alone. Computed exactly with whole
    numbers (``math.comb``); 1.0 for an empty table.
    """
    for value in (a, b, c, d):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("a 2x2 table holds whole numbers, 0 or more")
    row1, col1, n = a + b, a + c, a + b + c + d
    if n == 0:
        return 1.0
    lowest, highest = max(0, row1 - (n - col1)), min(row1, col1)
    weights = [
        math.comb(col1, x) * math.comb(n - col1, row1 - x)
        for x in range(lowest, highest + 1)
    ]
    observed = weights[a - lowest]
    limit = observed * (1 + RELATIVE_TOLERANCE)
    tail = sum(w for w in weights if w <= limit)
    return min(1.0, float(Fraction(tail, math.comb(n, row1))))


def group_vs_rest(rows, group, by="group"):
    """One group against all the others, among the eligible officers:
    ``{"table": ((a, b), (c, d)), "p_value"}`` where a = promoted of the
    group, b = not promoted of the group, c = promoted of the others, d =
    not promoted of the others; the p-value is Fisher's exact test."""
    cells = [[0, 0], [0, 0]]
    for row in rows:
        if not row.get("eligible"):
            continue
        cells[0 if row.get(by) == group else 1][0 if row.get("promoted") else 1] += 1
    (a, b), (c, d) = cells
    return {"table": ((a, b), (c, d)), "p_value": fisher_exact(a, b, c, d)}


def median_time_in_grade(rows, by="group"):
    """How long officers stayed in their grade before promotion, group by
    group: ``{"count", "median_days", "median_years"}``.

    ``rows``: ``{<by>: group, "grade_date", "promoted_on"}``; rows without
    a promotion date are left out (not promoted yet). The median is the
    middle value once the times are sorted (the mean of the two middle ones
    for an even count): half the group waited less, half waited more.
    Years are days ÷ 365.25. None for a group without any promotion.
    """
    table = {}
    for group, members in _groups(rows, by).items():
        days = [
            (r["promoted_on"] - r["grade_date"]).days
            for r in members
            if r.get("promoted_on") and r.get("grade_date")
        ]
        median = statistics.median(days) if days else None
        table[group] = {
            "count": len(days),
            "median_days": median,
            "median_years": median / DAYS_PER_YEAR if days else None,
        }
    return table


def mark_distribution(rows, by="group"):
    """Marks group by group: ``{"count", "mean", "median"}``.

    ``rows``: ``{<by>: group, "mark": mark or None}``; empty marks are left
    out. The mean is the sum of the marks divided by their count; the median
    the middle mark once sorted (half the marks below, half above), which a
    few extreme marks do not move. None for a group without any mark.
    """
    table = {}
    for group, members in _groups(rows, by).items():
        marks = [float(r["mark"]) for r in members if r.get("mark") is not None]
        table[group] = {
            "count": len(marks),
            "mean": statistics.fmean(marks) if marks else None,
            "median": statistics.median(marks) if marks else None,
        }
    return table
