"""Training rules: certificate validity, session seats, results, coverage
(pure: no Zope import).

Dates are ``datetime.date``. A certificate passed on ``passed_on`` and valid
``valid_years`` years expires on the same day ``valid_years`` later: that
day it is no longer valid (valid up to the day before). A certificate passed
on 29 February expires on 28 February of a common year.
"""

from datetime import date
from decimal import Decimal
from sirhp.content.evaluation.rules import to_decimal

# Certificate states
VALID = "valid"
EXPIRING = "expiring"
EXPIRED = "expired"

# A certificate "expires soon" this many days (or fewer) before its expiry.
WARNING_DAYS = 90

# Result codes of a participant
PASSED = "passed"
FAILED = "failed"
ABSENT = "absent"
RESULTS = (PASSED, FAILED, ABSENT)

# Scores are out of 20, with at most 2 decimals.
MAX_SCORE = Decimal(20)

# Refusal codes (the API turns them into French messages)
OVER_CAPACITY = "over_capacity"
BAD_CAPACITY = "bad_capacity"
UNKNOWN_RESULT = "unknown_result"
SCORE_FOR_ABSENT = "score_for_absent"
SCORE_NOT_A_NUMBER = "score_not_a_number"
SCORE_OUT_OF_RANGE = "score_out_of_range"
SCORE_TOO_PRECISE = "score_too_precise"

# The groupings of a coverage table, in the order the page shows them.
COVERAGE_BY = ("unit", "region", "grade", "sex")


def add_years(day, years):
    """``day`` moved ``years`` calendar years on (or back, when negative);
    29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 2, 28)


def certificate_expiry(passed_on, valid_years):
    """The day a certificate stops being valid, or None when it never
    expires (``valid_years`` None or 0).

    Passed on 5 March 2026 for 3 years: it expires on 5 March 2029 (valid up
    to 4 March 2029 included). Passed on 29 February 2024 for 1 year: it
    expires on 28 February 2025.
    """
    if not valid_years:
        return None
    if isinstance(valid_years, bool) or not isinstance(valid_years, int):
        raise ValueError("valid_years must be a whole number of years")
    if valid_years < 0:
        raise ValueError("valid_years must be positive")
    return add_years(passed_on, valid_years)


def certificate_state(expiry, at):
    """``valid``, ``expiring`` (expires in ``WARNING_DAYS`` days or fewer) or
    ``expired`` (on the expiry day and after) on the day ``at``.

    A certificate without expiry (None) is always valid.
    """
    if expiry is None:
        return VALID
    if at >= expiry:
        return EXPIRED
    if (expiry - at).days <= WARNING_DAYS:
        return EXPIRING
    return VALID


def session_room(capacity, nominated):
    """Seats of a session: ``{"capacity", "nominated", "free", "refusal"}``.

    ``nominated`` is a number or the list of nominees. ``refusal`` is None
    when every nominee has a seat, ``over_capacity`` when there are more
    nominees than seats (``free`` is then negative: the seats missing), and
    ``bad_capacity`` when the capacity is not a positive whole number.
    """
    count = nominated if isinstance(nominated, int) else len(nominated)
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1:
        return {
            "capacity": capacity,
            "nominated": count,
            "free": None,
            "refusal": BAD_CAPACITY,
        }
    free = capacity - count
    return {
        "capacity": capacity,
        "nominated": count,
        "free": free,
        "refusal": OVER_CAPACITY if free < 0 else None,
    }


def check_score(score, maximum=MAX_SCORE):
    """A refusal code for a score that is not a number from 0 to
    ``maximum`` with at most 2 decimals, else None."""
    number = to_decimal(score)
    if number is None:
        return SCORE_NOT_A_NUMBER
    if number < 0 or number > maximum:
        return SCORE_OUT_OF_RANGE
    if number != number.quantize(Decimal("0.01")):
        return SCORE_TOO_PRECISE
    return None


def check_result(result, score=None):
    """A refusal code for a participant's result, else None.

    ``result`` is ``passed``, ``failed`` or ``absent``; the score (out of
    20, at most 2 decimals) is optional, and an absent participant has none.
    """
    if result not in RESULTS:
        return UNKNOWN_RESULT
    if score is None:
        return None
    if result == ABSENT:
        return SCORE_FOR_ABSENT
    return check_score(score)


def _officer_id(row):
    return row["id"] if isinstance(row, dict) else row


def coverage(staff, trained, by=COVERAGE_BY, groups=None):
    """How much of the staff is trained, group by group.

    ``staff``: rows (dicts) with ``id`` and the grouping keys (``unit``,
    ``region``, ``grade``, ``sex``); ``trained``: the officers trained, as
    ids or rows with an ``id``. Only the staff counts: a trained officer who
    left the staff is not counted. ``groups`` may name groups to show even
    without staff: ``{"sex": ["F", "M"]}``.

    Returns ``{grouping: {group: {"staff", "trained", "share"}}}``: in each
    group, the number of officers, how many of them are trained, and the
    share = trained ÷ staff (between 0 and 1; None when the group has no
    staff, a share of nobody means nothing).
    """
    trained_ids = {_officer_id(row) for row in trained}
    table = {}
    for key in by:
        counts = {value: [0, 0] for value in (groups or {}).get(key, ())}
        for row in staff:
            count = counts.setdefault(row.get(key), [0, 0])
            count[0] += 1
            if row["id"] in trained_ids:
                count[1] += 1
        table[key] = {
            value: {
                "staff": total,
                "trained": done,
                "share": done / total if total else None,
            }
            for value, (total, done) in counts.items()
        }
    return table
