"""Evaluation rules: the criteria grid, the computed mark, the objectives
variant, the acknowledge and contest windows, rater statistics (pure: no
Zope import).

A mark is out of 20 with at most 2 decimals. The final mark is computed from
the grid, never typed: weighted mean of the criteria marks, rounded half up
to 2 decimals with ``Decimal`` (12.345 gives 12.35, never a float's 12.34).

Refusals are plain data: a list of ``{"code": ..., "item": ...}`` where
``item`` names the criterion or objective at fault (None for the whole grid).
"""

from datetime import timedelta
from decimal import Decimal
from decimal import InvalidOperation
from decimal import ROUND_HALF_UP
import statistics

MAX_MARK = Decimal(20)
TOTAL_WEIGHT = 100
CENTS = Decimal("0.01")

# A rater whose marks are "high": strictly above this mark.
HIGH_MARK = 16
# A rater is flagged lenient (severe) when their mean is at least this many
# points above (below) the mean of every mark of the campaign, on at least
# RATER_MIN_COUNT marks (fewer marks say nothing of a rater).
RATER_GAP = 2
RATER_MIN_COUNT = 3
LENIENT = "lenient"
SEVERE = "severe"

# Refusal codes (the API turns them into French messages)
EMPTY_GRID = "empty_grid"
WEIGHT_NOT_INTEGER = "weight_not_integer"
WEIGHT_NOT_POSITIVE = "weight_not_positive"
WEIGHTS_NOT_100 = "weights_not_100"
MARK_MISSING = "mark_missing"
MARK_UNKNOWN_CRITERION = "mark_unknown_criterion"
MARK_NOT_A_NUMBER = "mark_not_a_number"
MARK_OUT_OF_RANGE = "mark_out_of_range"
MARK_TOO_PRECISE = "mark_too_precise"
ACHIEVEMENT_MISSING = "achievement_missing"
ACHIEVEMENT_NOT_A_NUMBER = "achievement_not_a_number"
ACHIEVEMENT_OUT_OF_RANGE = "achievement_out_of_range"
ACHIEVEMENT_TOO_PRECISE = "achievement_too_precise"


class InvalidEvaluation(ValueError):
    """A mark asked of an invalid grid or marks; ``codes`` says why."""

    def __init__(self, codes):
        super().__init__(", ".join(c["code"] for c in codes))
        self.codes = codes


def _refusal(code, item=None):
    return {"code": code, "item": item}


def to_decimal(value):
    """``value`` as a Decimal (floats through their shortest text, so 12.1
    is 12.1), or None when it is not a finite number (booleans neither)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def round_half_up(value):
    """``value`` rounded half up to 2 decimals (a Decimal)."""
    return Decimal(value).quantize(CENTS, rounding=ROUND_HALF_UP)


def _check_weights(weights):
    """Refusals for ``[(item, weight)]``: whole positive weights summing to
    100."""
    if not weights:
        return [_refusal(EMPTY_GRID)]
    refusals = []
    for item, weight in weights:
        if isinstance(weight, bool) or not isinstance(weight, int):
            refusals.append(_refusal(WEIGHT_NOT_INTEGER, item))
        elif weight <= 0:
            refusals.append(_refusal(WEIGHT_NOT_POSITIVE, item))
    if not refusals and sum(w for _, w in weights) != TOTAL_WEIGHT:
        refusals.append(_refusal(WEIGHTS_NOT_100))
    return refusals


def check_grid(grid):
    """Refusals for a criteria grid ``{criterion: weight}`` (empty list when
    valid): each weight a whole number above 0, the weights summing to 100."""
    return _check_weights(list(grid.items()))


def _check_number(value, maximum, item, codes):
    """A refusal for a number outside 0..maximum or with over 2 decimals.
    ``codes``: (not a number, out of range, too precise)."""
    number = to_decimal(value)
    if number is None:
        return _refusal(codes[0], item)
    if number < 0 or number > maximum:
        return _refusal(codes[1], item)
    if number != number.quantize(CENTS):
        return _refusal(codes[2], item)
    return None


MARK_CODES = (MARK_NOT_A_NUMBER, MARK_OUT_OF_RANGE, MARK_TOO_PRECISE)
ACHIEVEMENT_CODES = (
    ACHIEVEMENT_NOT_A_NUMBER,
    ACHIEVEMENT_OUT_OF_RANGE,
    ACHIEVEMENT_TOO_PRECISE,
)


def check_marks(grid, marks):
    """Refusals for the marks ``{criterion: mark}`` of a grid (empty list
    when valid): the grid is valid, every criterion has a mark from 0 to 20
    with at most 2 decimals, and no mark is given for a criterion the grid
    does not have."""
    refusals = check_grid(grid)
    for criterion in grid:
        if marks.get(criterion) is None:
            refusals.append(_refusal(MARK_MISSING, criterion))
        else:
            refusal = _check_number(marks[criterion], MAX_MARK, criterion, MARK_CODES)
            if refusal:
                refusals.append(refusal)
    for criterion in marks:
        if criterion not in grid:
            refusals.append(_refusal(MARK_UNKNOWN_CRITERION, criterion))
    return refusals


def weighted_mark(grid, marks):
    """The mark out of 20 of a criteria grid: each criterion's mark times
    its weight, added up, divided by 100, rounded half up to 2 decimals.

    Example: weights 40/60, marks 12 and 15: (12 × 40 + 15 × 60) ÷ 100 =
    13.80. Raises ``InvalidEvaluation`` (with the refusal codes) when the
    grid or the marks are not valid (``check_marks``).
    """
    refusals = check_marks(grid, marks)
    if refusals:
        raise InvalidEvaluation(refusals)
    total = sum(weight * to_decimal(marks[c]) for c, weight in grid.items())
    return round_half_up(total / TOTAL_WEIGHT)


def check_objectives(objectives):
    """Refusals for objectives ``[{"objective", "weight", "achievement"}]``
    (empty list when valid): weights as for a grid, each achievement a
    percentage from 0 to 100 with at most 2 decimals."""
    refusals = _check_weights(
        [(o.get("objective"), o.get("weight")) for o in objectives]
    )
    for objective in objectives:
        item = objective.get("objective")
        if objective.get("achievement") is None:
            refusals.append(_refusal(ACHIEVEMENT_MISSING, item))
            continue
        refusal = _check_number(
            objective["achievement"], Decimal(100), item, ACHIEVEMENT_CODES
        )
        if refusal:
            refusals.append(refusal)
    return refusals


def objectives_mark(objectives):
    """The mark out of 20 of an objectives evaluation: each objective's
    achievement (0 to 100 %) times its weight, added up, divided by 100
    (the weighted achievement, in %), then brought to 20 (× 20 ÷ 100) and
    rounded half up to 2 decimals.

    Example: weight 60 achieved at 80 %, weight 40 achieved at 50 %: 68 %
    weighted, 13.60 / 20. Raises ``InvalidEvaluation`` when not valid.
    """
    refusals = check_objectives(objectives)
    if refusals:
        raise InvalidEvaluation(refusals)
    total = sum(o["weight"] * to_decimal(o["achievement"]) for o in objectives)
    return round_half_up(total * MAX_MARK / (TOTAL_WEIGHT * 100))


def acknowledge_deadline(notified_on, days):
    """The last day the officer may acknowledge the evaluation: ``days``
    calendar days after the day it was notified (notified 1 March with 15
    days: until 16 March included)."""
    return notified_on + timedelta(days=days)


def silence_counts_as_acknowledged(notified_on, days, at):
    """Has the officer's silence become an acknowledgement on ``at``? Yes
    from the day after the deadline, not on the deadline itself."""
    return at > acknowledge_deadline(notified_on, days)


def may_contest(notified_on, days, at):
    """May the officer ask for a revision on ``at``? From the notification
    day to the deadline, both included (``days`` after notification)."""
    return notified_on <= at <= acknowledge_deadline(notified_on, days)


def rater_stats(marks_by_evaluator):
    """Per evaluator, figures to spot a lenient or severe rater:
    ``{"count", "mean", "stdev", "share_above_16"}``.

    - count: how many marks the evaluator gave (empty marks are skipped);
    - mean: their average;
    - stdev: the population standard deviation, how far the marks spread
      around the average (the square root of the mean of the squared
      gaps); None under 2 marks, a spread of one mark means nothing;
    - share_above_16: the share of marks strictly above 16 (0 to 1).

    With no mark, mean and share are None. Figures are floats, unrounded.
    """
    stats = {}
    for evaluator, marks in marks_by_evaluator.items():
        values = [float(to_decimal(m)) for m in marks if m is not None]
        count = len(values)
        stats[evaluator] = {
            "count": count,
            "mean": statistics.fmean(values) if values else None,
            "stdev": statistics.pstdev(values) if count >= 2 else None,
            "share_above_16": (
                sum(1 for v in values if v > HIGH_MARK) / count if values else None
            ),
        }
    return stats


def rater_flags(stats):
    """Per evaluator of ``stats`` (``rater_stats``' answer), ``"lenient"``,
    ``"severe"`` or None: their mean against the mean of every mark of the
    campaign (the evaluators' means weighted by their counts), flagged when
    ``RATER_GAP`` points or more apart, on ``RATER_MIN_COUNT`` marks or
    more. With no mark at all, nobody is flagged.

    :returns: ``({evaluator: flag}, overall mean or None)``.
    """
    counted = [row for row in stats.values() if row["count"]]
    total = sum(row["count"] for row in counted)
    overall = (
        sum(row["mean"] * row["count"] for row in counted) / total if total else None
    )
    flags = {}
    for evaluator, row in stats.items():
        flag = None
        if overall is not None and row["count"] >= RATER_MIN_COUNT:
            if row["mean"] >= overall + RATER_GAP:
                flag = LENIENT
            elif row["mean"] <= overall - RATER_GAP:
                flag = SEVERE
        flags[evaluator] = flag
    return flags, overall
