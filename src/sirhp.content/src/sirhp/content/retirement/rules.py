"""Retirement by age limit (pure): the date, the yearly projection, the
reminders. No Zope import: unit-tested without a site.

Rows are plain dicts (catalog metadata): ``retirement_date`` (a ``date``),
``grade``, ``region``, and whatever the caller carries along.
"""

from collections import Counter
from datetime import date
from datetime import timedelta

# Reminders before the retirement date, in months, farthest first.
REMINDER_MONTHS = (12, 6)

# Years a query may span, and the years a query may name at all.
MAX_SPAN = 50
FIRST_YEAR, LAST_YEAR = 1900, 2200

MSG_BAD_YEAR = (
    "error_retirement_year",
    "Indiquez des années sur quatre chiffres (par exemple 2027).",
)
MSG_BAD_RANGE = (
    "error_retirement_range",
    "L'année de début doit précéder l'année de fin, sur 50 ans au plus.",
)


def _same_day_in(year, day):
    """``day``'s month and day in ``year``; 29 February of a common year is
    taken as 1 March (the day after 28 February)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def retirement_date(birth_date, age_limit):
    """The day the officer reaches ``age_limit`` years, or None.

    Civil-service convention: an age is reached at the end of the day before
    the anniversary's next day, so the retirement date is the day before the
    anniversary of the day after birth. Usually the birthday itself; born on
    29 February, 28 February in a common year (29 February in a leap year).
    """
    if birth_date is None or not age_limit:
        return None
    day_after = birth_date + timedelta(days=1)
    year = day_after.year + int(age_limit)
    return _same_day_in(year, day_after) - timedelta(days=1)


def months_before(day, months):
    """``day`` moved back ``months`` months (clamped to the month's end)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def year_range(start, end):
    """``(start, end)`` as ints, or ``(None, msg)`` with the refusal pair.

    Years have four digits, ``start <= end`` and at most ``MAX_SPAN`` years.
    """
    years = []
    for value in (start, end):
        text = str(value).strip() if value is not None else ""
        if not (text.isdigit() and len(text) == 4):
            return None, MSG_BAD_YEAR
        year = int(text)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None, MSG_BAD_YEAR
        years.append(year)
    start, end = years
    if start > end or end - start >= MAX_SPAN:
        return None, MSG_BAD_RANGE
    return (start, end), None


# What a projection is broken down by, besides the year (metadata names).
DIMENSIONS = ("grade", "region", "unit_title")


def projection(rows, start_year, years):
    """Retirements counted per calendar year for ``years`` years from
    ``start_year``: in total, per year x each of ``DIMENSIONS``, and per
    year x grade x region.

    :returns: ``{"years": [...], "totals": {year: n}, "by": {dimension:
        {year: {value: n}}}, "cells": [{"year", "grade", "region",
        "count"}]}`` (cells sorted; zero counts left out).
    """
    span = list(range(start_year, start_year + years))
    totals = {year: 0 for year in span}
    by = {name: {year: Counter() for year in span} for name in DIMENSIONS}
    cells = Counter()
    for row in rows:
        day = row.get("retirement_date")
        if day is None or day.year not in totals:
            continue
        totals[day.year] += 1
        for name in DIMENSIONS:
            by[name][day.year][row.get(name) or ""] += 1
        cells[(day.year, row.get("grade") or "", row.get("region") or "")] += 1
    return {
        "years": span,
        "totals": totals,
        "by": {
            name: {year: dict(counts[year]) for year in span}
            for name, counts in by.items()
        },
        "cells": [
            {"year": y, "grade": g, "region": r, "count": n}
            for (y, g, r), n in sorted(cells.items())
        ],
    }


def reminders(rows, today):
    """Rows whose retirement falls within ``REMINDER_MONTHS[0]`` months after
    ``today`` (today excluded: they have left), soonest first, each with
    ``months``: the nearest reminder reached (6 inside six months, else 12)
    and ``reminder_date``: the day that reminder was due."""
    result = []
    for row in rows:
        day = row.get("retirement_date")
        if day is None or day <= today:
            continue
        reached = [m for m in REMINDER_MONTHS if months_before(day, m) <= today]
        if not reached:
            continue
        months = min(reached)
        result.append(
            dict(row, months=months, reminder_date=months_before(day, months))
        )
    return sorted(result, key=lambda row: row["retirement_date"])
