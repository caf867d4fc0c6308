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

# Disciplinary acts: restricted data (HR managers, auditors, the officer).
DISCIPLINARY_TYPES = frozenset({"sanction", "suspension"})
# the sanctions of the référentiel that need a special check
SUSPENDING_SANCTION = "mise-a-pied"
DEMOTION = "retrogradation"
SUSPENDED = "suspended"  # a code of sirhp.content.personnel_status


def is_disciplinary(event_type):
    """Whether acts of ``event_type`` are disciplinary (restricted)."""
    return event_type in DISCIPLINARY_TYPES


def suspends(act):
    """Whether ``act`` suspends the officer for its period: a suspension or
    a mise à pied."""
    return act.get("type") == "suspension" or (
        act.get("type") == "sanction" and act.get("sanction") == SUSPENDING_SANCTION
    )


def effective_values(act):
    """The situation ``act`` results in: a suspension or mise à pied without
    a resulting status sets ``suspended`` for its period."""
    if suspends(act) and not act.get("status"):
        return {**act, "status": SUSPENDED}
    return act


def act_problem(act, grades=None, grade_before=None):
    """The first rule ``act`` breaks, as a code, or ``None``.

    :param act: dict with ``type``, ``sanction``, ``decoration``,
        ``end_date``, ``grade`` (resulting grade).
    :param grades: the référentiel's grades ``{code: {"corps", "order"}}``.
    :param grade_before: the officer's grade on the act's date.
    :returns: ``"sanction_required"``, ``"decoration_required"``,
        ``"end_date_required"``, ``"demotion_grade"`` or ``None``.
    """
    kind = act.get("type")
    if kind == "sanction" and not act.get("sanction"):
        return "sanction_required"
    if kind == "decoration" and not (act.get("decoration") or "").strip():
        return "decoration_required"
    if kind == "sanction" and act.get("sanction") == SUSPENDING_SANCTION:
        if act.get("end_date") is None:
            return "end_date_required"
    if kind == "sanction" and act.get("sanction") == DEMOTION:
        if not is_lower_grade(grades or {}, act.get("grade"), grade_before):
            return "demotion_grade"
    return None


def is_lower_grade(grades, grade, than):
    """Whether ``grade`` is below ``than`` in the same corps."""
    new, old = grades.get(grade or ""), grades.get(than or "")
    if not new or not old or new.get("corps") != old.get("corps"):
        return False
    return new.get("order", 0) < old.get("order", 0)


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
        act = effective_values(act)
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


# The file's values an act may stand for, with the date each is taken on
FILE_FIELDS = SITUATION + ("grade_date", "echelon_date")


def _empty(value):
    return value is None or value == ""


# The act that gives an administrative status (a reprise of a status that
# the acts do not give); any other value is restated by a reclassement.
STATUS_ACTS = {
    "active": "reinstatement",
    "suspended": "suspension",
    "detached": "detachment",
    "available": "availability",
    "retired": "retirement",
    "resigned": "resignation",
    "dismissed": "dismissal",
    "deceased": "death",
}


def reprise_acts(acts, stored, at):
    """The acts that restate, from ``at``, what a file holds and its acts do
    not give on ``at`` (legacy data typed by hand before acts drove files).
    Only the upgrade that takes over existing files asks this; a drift found
    later is reported by ``differences``, never hidden by a new act.

    :param acts: the file's acts, those ``missing_acts`` adds included.
    :param stored: the file's values (``FILE_FIELDS``).
    :param at: the day of the reprise.
    :returns: ``[{"type", "date", <SITUATION values>}]``: one act for what
        differs (its type from ``STATUS_ACTS`` when only the status
        differs, else ``reclassement``), or nothing.
    """
    situation = situation_at(acts, at)
    values = {
        name: stored[name]
        for name in SITUATION
        if not _empty(stored.get(name)) and stored.get(name) != situation.get(name)
    }
    if not values:
        return []
    kind = "reclassement"
    if set(values) == {"status"}:
        kind = STATUS_ACTS.get(values["status"], kind)
    return [{"type": kind, "date": at, **values}]


def missing_acts(acts, stored):
    """The acts a file needs so that its acts account for its values.

    A value is accounted for when some act sets it (a different value is a
    drift for ``differences``, not a missing act). Unit, status and position
    date from the hire date; the grade from ``grade_date`` when later,
    the échelon from ``echelon_date`` when later (never before its grade).
    Values of one day make one act: ``recruitment`` on the hire date when the
    file has none, else ``reclassement``.

    :param acts: the file's acts (``rules`` dicts, ``type`` included).
    :param stored: the file's values (``FILE_FIELDS`` and ``hire_date``).
    :returns: ``[{"type", "date", <SITUATION values>}]`` by date; empty when
        nothing is missing (a second call after filing them).
    """
    hired = stored.get("hire_date")
    accounted = {
        name for act in acts for name in SITUATION if not _empty(act.get(name))
    }
    has_recruitment = any(act.get("type") == "recruitment" for act in acts)

    def later(day, floor):
        return day if day is not None and floor is not None and day > floor else floor

    grade_day = later(stored.get("grade_date"), hired)
    if hired is None:
        grade_day = stored.get("grade_date")
    days = {
        "unit": hired,
        "status": hired,
        "position": hired,
        "grade": grade_day,
        "echelon": later(stored.get("echelon_date"), grade_day)
        if "grade" not in accounted
        else later(stored.get("echelon_date"), hired),
    }
    by_day = {}
    for name in SITUATION:
        if name in accounted or _empty(stored.get(name)) or days[name] is None:
            continue
        by_day.setdefault(days[name], {})[name] = stored[name]
    if hired is not None and not has_recruitment:
        by_day.setdefault(hired, {})
    result = []
    for day in sorted(by_day):
        kind = "recruitment" if day == hired and not has_recruitment else "reclassement"
        result.append({"type": kind, "date": day, **by_day[day]})
    return result


def differences(acts, stored, at):
    """The file's values that its acts, on ``at``, do not give.

    Dates (``grade_date``, ``echelon_date``) are compared only when the file
    has one. Empty texts count as no value.

    :returns: ``[(field, stored value, value from the acts)]`` in
        ``FILE_FIELDS`` order.
    """
    situation = situation_at(acts, at)
    result = []
    for name in FILE_FIELDS:
        value = None if _empty(stored.get(name)) else stored.get(name)
        found = None if _empty(situation.get(name)) else situation.get(name)
        if name.endswith("_date") and value is None:
            continue
        if value != found:
            result.append((name, value, found))
    return result


def changed_fields(stored, wanted):
    """The names of ``FILE_FIELDS`` (what validated acts write on the file;
    the corps follows the grade) whose ``wanted`` value differs from the
    ``stored`` one, in that order."""
    return [name for name in FILE_FIELDS if stored.get(name) != wanted.get(name)]


def corps_of(grade, tables):
    """The corps of ``grade`` in the référentiels ``tables`` (``None``:
    unknown grade)."""
    row = ((tables or {}).get("grades") or {}).get(grade) or {}
    return row.get("corps")
