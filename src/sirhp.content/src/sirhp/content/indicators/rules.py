"""Indicators of the reform's dashboard (pure): who is in service on a
day, ages and their 5-year bands, counts and shares per group, the
retirement window. No Zope import: unit-tested without a site.

Rows are plain dicts of catalog values (``hire_date``, ``retirement_date``,
``personnel_status``, ``birth_date``, ``sex``, ``grade``...).
"""

from collections import Counter
from datetime import date

BAND_WIDTH = 5
RETIREMENT_YEARS = 5
WOMEN, MEN = "F", "M"
DEPARTED = frozenset({"retired", "deceased", "dismissed", "resigned"})

MSG_BAD_DATE = (
    "indicators_bad_date",
    "Indiquez la date au format AAAA-MM-JJ (par exemple 2026-11-01).",
)
FIRST_YEAR, LAST_YEAR = 1960, 2100


def parse_at(text):
    """``(date, None)`` of an ISO day, or ``(None, refusal pair)``."""
    text = str(text or "").strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None, MSG_BAD_DATE
    if len(text) != 10 or not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None, MSG_BAD_DATE
    return day, None


def in_service(row, at, departed_on=None):
    """Was the officer of ``row`` in service on ``at``?

    Hired on or before ``at``; not past the age limit (``retirement_date``
    after ``at``); and not departed on that day: a departed status counts
    from its act's date (``departed_on``), an act dated after ``at`` leaves
    the officer in service on ``at`` (a departed status without a dated act
    counts as departed).
    """
    hired = row.get("hire_date")
    if hired is not None and hired > at:
        return False
    retirement = row.get("retirement_date")
    if retirement is not None and retirement <= at:
        return False
    if row.get("personnel_status") in DEPARTED:
        return departed_on is not None and departed_on > at
    return True


def age_on(birth_date, at):
    """Age in whole years on ``at`` (None without a birth date)."""
    if birth_date is None:
        return None
    before_birthday = (at.month, at.day) < (birth_date.month, birth_date.day)
    return at.year - birth_date.year - int(before_birthday)


def age_band(age, width=BAND_WIDTH):
    """The band's label: ``"25-29"`` for 27 (None for an unknown age)."""
    if age is None:
        return None
    start = age // width * width
    return f"{start}-{start + width - 1}"


def counts(rows, key):
    """``[(group, count)]`` of ``rows`` by ``key``, groups sorted (unknown
    last)."""
    counted = Counter(row.get(key) for row in rows)
    return sorted(counted.items(), key=lambda item: (item[0] is None, item[0] or ""))


def share(part, whole):
    """``part / whole`` rounded to 4 places (None when ``whole`` is 0)."""
    return round(part / whole, 4) if whole else None


def women_by(rows, key):
    """``[(group, women, staff, share)]`` by ``key`` (``counts``' order)."""
    result = []
    for group, staff in counts(rows, key):
        women = sum(1 for r in rows if r.get(key) == group and r.get("sex") == WOMEN)
        result.append((group, women, staff, share(women, staff)))
    return result


def pyramid(rows, at, width=BAND_WIDTH):
    """``[(band, women, men, total)]``, youngest band first, every band
    between the youngest and the oldest shown (unknown ages left out;
    ``total`` counts every sex)."""
    bands = Counter()
    for row in rows:
        age = age_on(row.get("birth_date"), at)
        if age is None:
            continue
        bands[(age // width * width, row.get("sex"))] += 1
    starts = sorted({start for start, _sex in bands})
    if not starts:
        return []
    result = []
    for start in range(starts[0], starts[-1] + width, width):
        women, men = bands[(start, WOMEN)], bands[(start, MEN)]
        total = sum(n for (s, _sex), n in bands.items() if s == start)
        result.append((age_band(start, width), women, men, total))
    return result


def retirement_window(at, years=RETIREMENT_YEARS):
    """The calendar years counted and the days they span: from the day
    after ``at`` to 31 December of the ``years``-th year (``at``'s year is
    the first).

    :returns: ``(list of years, first day, last day)``.
    """
    span = list(range(at.year, at.year + years))
    first = date.fromordinal(at.toordinal() + 1)
    return span, first, date(span[-1], 12, 31)


def retirements(rows, at, years=RETIREMENT_YEARS):
    """``[(year, count)]`` of the rows retiring in ``retirement_window``."""
    span, first, last = retirement_window(at, years)
    counted = Counter(
        row["retirement_date"].year
        for row in rows
        if row.get("retirement_date") is not None
        and first <= row["retirement_date"] <= last
    )
    return [(year, counted[year]) for year in span]
