"""Leave rules: day counting, overlaps, balances (pure: no Zope import).

Periods are ``(start, end)`` pairs of ``date``, both days included.
Working days are Monday to Friday: there is no table of public holidays
yet, so a holiday inside a leave counts as a working day.

A year's balance is its yearly right minus the days taken (approved or
requested leave) that fall in that year: a leave across 31 December counts
in each year its days fall in.
"""

from datetime import date
from datetime import timedelta

WORKING = "working"
CALENDAR = "calendar"

# Refusal codes (the API turns them into French messages)
END_BEFORE_START = "end_before_start"
NO_DAYS = "no_days"

# Leave that holds days: the others (rejected, cancelled) give them back.
COUNTED_STATES = ("requested", "approved")

# The supporting scan: the limits of change-request scans
ATTACHMENT_MAX_MB = 10


def days(start, end, counting=CALENDAR):
    """The days of ``start``..``end`` (included) that count: every day
    (``calendar``) or Monday to Friday (``working``)."""
    if end < start:
        return 0
    total = (end - start).days + 1
    if counting != WORKING:
        return total
    full_weeks, rest = divmod(total, 7)
    count = full_weeks * 5
    for offset in range(rest):
        if (start + timedelta(days=offset)).weekday() < 5:
            count += 1
    return count


def days_in_year(start, end, year, counting=CALENDAR):
    """The counted days of the period that fall in ``year``."""
    first = max(start, date(year, 1, 1))
    last = min(end, date(year, 12, 31))
    return days(first, last, counting)


def years_of(start, end):
    """The years a period touches, in order."""
    return list(range(start.year, end.year + 1))


def check_period(start, end, counting=CALENDAR):
    """A refusal code for a period that is not a leave, else None."""
    if end < start:
        return END_BEFORE_START
    if days(start, end, counting) == 0:
        return NO_DAYS
    return None


def overlaps(start, end, periods):
    """The periods of ``periods`` that share at least one day with
    ``start``..``end``."""
    return [(s, e) for s, e in periods if s <= end and start <= e]


def taken(periods, year, counting=CALENDAR):
    """Days of ``periods`` (leave holding days) falling in ``year``."""
    return sum(days_in_year(s, e, year, counting) for s, e in periods)


def balance(yearly_days, periods, year, counting=CALENDAR):
    """``{"year", "right", "taken", "remaining"}`` for one type and year."""
    used = taken(periods, year, counting)
    return {
        "year": year,
        "right": yearly_days,
        "taken": used,
        "remaining": yearly_days - used,
    }


def beyond_right(rights, periods, start, end, counting=CALENDAR):
    """The first year in which the new period would exceed the right, as
    ``(year, remaining, asked)``; None when it fits in every year.
    ``rights``: {year: yearly days} for every year the period touches."""
    for year in years_of(start, end):
        asked = days_in_year(start, end, year, counting)
        remaining = rights[year] - taken(periods, year, counting)
        if asked > remaining:
            return (year, max(remaining, 0), asked)
    return None


def is_requester(user_id, creators, officer_id):
    """Four eyes: the one who asked, or the officer the leave is for, never
    decides on it."""
    return bool(user_id) and (user_id in (creators or ()) or user_id == officer_id)


def may_cancel(start, today):
    """A leave is cancelled before its first day only."""
    return today < start


def is_absent(start, end, day):
    """Is ``day`` inside the period?"""
    return start <= day <= end
