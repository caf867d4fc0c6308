"""Career situation rules: pure functions, no Zope import.

An act is a dict: ``type``, ``date`` (date of effect), optional
``end_date`` (acts that last a period: suspension, detachment,
availability...) and the situation it results in, any of ``grade``,
``echelon``, ``unit``, ``status``, ``position`` (``None``: unchanged).
An act applies from its date of effect; an act with an end date applies
from its date to its end date included, after which the situation is what
the other acts make it; of two acts in force, the later one (by date, then
by order given) wins.
"""

from calendar import monthrange
from datetime import date
from datetime import timedelta

# what an act may change, in the order shown
SITUATION = ("grade", "echelon", "unit", "status", "position")


def period_is_valid(start, end):
    """Whether an act's end date, if any, is on or after its date of effect."""
    return start is None or end is None or end >= start


def in_force(act, at):
    """Whether ``act`` applies on ``at``."""
    if act.get("date") is None or act["date"] > at:
        return False
    end = act.get("end_date")
    return end is None or at <= end


def ordered(acts):
    """Acts by date of effect; acts of one day keep their given order."""
    return sorted(
        (act for act in acts if act.get("date") is not None),
        key=lambda act: act["date"],
    )


def situation_at(acts, at, initial=None):
    """The situation on ``at``: ``initial`` (the file's values, for what no
    act sets) overridden by every act in force, the later over the earlier.

    :returns: dict with the ``SITUATION`` keys, ``grade_date`` (when the
        grade in force was taken: the act that set it, else
        ``initial["grade_date"]``) and ``echelon_date`` (likewise).
    """
    initial = initial or {}
    result = {name: initial.get(name) for name in SITUATION}
    result["grade_date"] = initial.get("grade_date")
    result["echelon_date"] = initial.get("echelon_date")
    set_by_act = set()
    for act in ordered(acts):
        if not in_force(act, at):
            continue
        for name in SITUATION:
            value = act.get(name)
            if value is None or value == "":
                continue
            # an act confirming the file's grade dates it; one repeating
            # the grade an earlier act gave does not
            dated = name in ("grade", "echelon")
            if dated and (value != result[name] or name not in set_by_act):
                result[f"{name}_date"] = act["date"]
            result[name] = value
            set_by_act.add(name)
    return result


def boundaries(acts):
    """Days on which the situation may change: each act's date of effect and
    the day after its end date."""
    days = set()
    for act in ordered(acts):
        days.add(act["date"])
        if act.get("end_date") is not None:
            days.add(act["end_date"] + timedelta(days=1))
    return sorted(days)


def periods(acts, initial=None):
    """The career as periods ``{"start", "end", <SITUATION>}``, oldest first:
    one per span of days with the same situation; ``end`` is the last day
    (``None``: still in force)."""
    result = []
    for day in boundaries(acts):
        situation = situation_at(acts, day, initial)
        values = {name: situation[name] for name in SITUATION}
        if result and all(result[-1][name] == values[name] for name in SITUATION):
            continue
        if result:
            result[-1]["end"] = day - timedelta(days=1)
        result.append({"start": day, "end": None, **values})
    return result


def add_months(day, months):
    """``day`` plus ``months`` months; the 31st (or 29 February) becomes the
    last day of a shorter month."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, monthrange(year, month)[1])
    )


def seniority(start, at):
    """Time from ``start`` to ``at`` as ``{"years", "months", "days"}``
    (calendar months; ``None`` without a start or before it)."""
    if start is None or at is None or at < start:
        return None
    months = (at.year - start.year) * 12 + at.month - start.month
    if at.day < start.day:
        months -= 1
    days = (at - add_months(start, months)).days
    return {"years": months // 12, "months": months % 12, "days": days}


def seniorities(situation, hire_date, at):
    """Seniority in grade (from ``situation["grade_date"]``) and in service
    (from ``hire_date``) on ``at``."""
    return {
        "grade": seniority(situation.get("grade_date"), at),
        "service": seniority(hire_date, at),
    }


def parse_day(text):
    """``YYYY-MM-DD`` as a date; ``None`` for anything else."""
    if not isinstance(text, str) or len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# What validated acts write on the file (``SITUATION`` and the dates the
# grade and échelon were taken); the corps follows the grade.
APPLIED = SITUATION + ("grade_date", "echelon_date")


def differences(stored, wanted):
    """The names of ``APPLIED`` whose ``wanted`` value differs from the
    ``stored`` one, in ``APPLIED`` order."""
    return [name for name in APPLIED if stored.get(name) != wanted.get(name)]


def corps_of(grade, tables):
    """The corps of ``grade`` in the référentiels ``tables`` (``None``:
    unknown grade)."""
    row = ((tables or {}).get("grades") or {}).get(grade) or {}
    return row.get("corps")
