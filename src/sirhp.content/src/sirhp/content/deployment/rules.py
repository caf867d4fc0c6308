"""Staff finder rules: pure functions, no Zope import.

Skill levels, age bands on a day, availability on a day, the finder's
parameters (checked against the values the site knows) and facet counts.
Refusals are ``(msgid, French default, mapping)`` triples: the API turns
them into errors.
"""

from collections import Counter
from datetime import date

# A skill's level: 1 notions, 2 confirmed, 3 expert. A skill listed without
# a level (files written before levels existed) counts as level 1.
LEVELS = (1, 2, 3)
DEFAULT_LEVEL = 1
# A training without a certificate never expires: its catalog entry carries
# this day, so one range query finds the valid ones.
NEVER = date(9999, 12, 31)

# Age bands of the facet, in years (last one open-ended)
AGE_BANDS = ((18, 24), (25, 34), (35, 44), (45, 54), (55, None))

# what makes an officer available: this administrative status on the day
AVAILABLE_STATUS = "active"

# Parameters taking values from a list (vocabulary, units, courses)
LIST_PARAMETERS = (
    "skill",
    "language",
    "licence",
    "certificate",
    "grade",
    "corps",
    "unit",
    "region",
    "sex",
    "age_band",
)
INT_PARAMETERS = ("skill_level_min", "age_min", "age_max", "b_start", "b_size")
DATE_PARAMETERS = ("available_on",)
FACETS = (
    "skill",
    "language",
    "licence",
    "certificate",
    "grade",
    "unit",
    "region",
    "sex",
    "age_band",
)
DEFAULT_BATCH = 50
MAX_BATCH = 500


def level_tokens(skills, levels):
    """The ``skill:level`` tokens of a file (its ``skill_level`` index).

    :param skills: the file's skills.
    :param levels: ``{skill: level}``, possibly empty or partial.
    """
    levels = levels or {}
    return sorted(
        f"{skill}:{levels.get(skill) or DEFAULT_LEVEL}" for skill in skills or ()
    )


def tokens_at_least(skills, level_min):
    """The ``skill:level`` tokens meaning « one of ``skills`` at
    ``level_min`` or above »."""
    return [
        f"{skill}:{level}" for skill in skills for level in LEVELS if level >= level_min
    ]


def age_on(birth, day):
    """Age in whole years on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def band_label(band):
    low, high = band
    return f"{low}-{high}" if high is not None else f"{low}+"


BAND_LABELS = tuple(band_label(band) for band in AGE_BANDS)


def age_band(birth, day):
    """The label of the age band of someone born on ``birth``, on ``day``
    (``None`` under the first band or without a birth date)."""
    if birth is None:
        return None
    age = age_on(birth, day)
    for band in AGE_BANDS:
        if age >= band[0] and (band[1] is None or age <= band[1]):
            return band_label(band)
    return None


def _shift_years(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year - years, day=28)


def birth_range(age_min, age_max, day):
    """The birth dates of the people aged ``age_min``..``age_max`` (both
    included, either None) on ``day``: ``(earliest, latest)``, None for an
    open end."""
    latest = _shift_years(day, age_min) if age_min is not None else None
    earliest = None
    if age_max is not None:
        # born the day after the (age_max + 1)th birthday before ``day``
        earliest = date.fromordinal(_shift_years(day, age_max + 1).toordinal() + 1)
    return earliest, latest


def band_bounds(label):
    """``(age_min, age_max)`` of an age band's label."""
    band = AGE_BANDS[BAND_LABELS.index(label)]
    return band


def is_available(status, busy):
    """Whether an officer is available on a day: in activity on that day
    and in none of the periods (leave, suspension, detachment) covering it.

    :param status: the administrative status on the day.
    :param busy: whether a period covers the day.
    """
    return status == AVAILABLE_STATUS and not busy


def covers(start, end, day):
    """Whether the period ``start``..``end`` (end included, None: open)
    covers ``day``."""
    return start is not None and start <= day and (end is None or day <= end)


def _bad(name, value):
    return (
        "deployment_bad_value",
        "Valeur inconnue pour « ${name} » : « ${value} ».",
        {"name": name, "value": value},
    )


def _single(raw):
    """A one-value parameter given as a list of one (a saved list's query,
    ``lists.kept_query``, keeps every parameter as a list): that value."""
    if isinstance(raw, (list, tuple)) and len(raw) == 1:
        return raw[0]
    return raw


def parse_query(form, allowed):
    """The finder's query from request parameters.

    :param form: ``{name: text or [texts]}`` (a request's form; a number or
        a date may come as a list of one).
    :param allowed: ``{parameter: set of known values}`` for
        ``LIST_PARAMETERS``.
    :returns: ``(query, problem)``: ``query`` maps each given parameter to
        a list of values (lists), an int or a date; ``problem`` is the first
        refusal or None.
    """
    query = {}
    for name in LIST_PARAMETERS:
        raw = form.get(name)
        if raw in (None, "", []):
            continue
        values = [raw] if isinstance(raw, str) else list(raw)
        values = [value for value in values if value != ""]
        for value in values:
            if value not in allowed.get(name, ()):
                return None, _bad(name, value)
        if values:
            query[name] = values
    for name in INT_PARAMETERS:
        raw = _single(form.get(name))
        if raw in (None, ""):
            continue
        try:
            query[name] = int(raw)
        except (TypeError, ValueError):
            return None, (
                "deployment_bad_number",
                "« ${name} » doit être un nombre entier : « ${value} ».",
                {"name": name, "value": str(raw)},
            )
        if query[name] < 0:
            return None, _bad(name, raw)
    level = query.get("skill_level_min")
    if level is not None and level not in LEVELS:
        return None, (
            "deployment_bad_level",
            "Le niveau de compétence va de 1 à 3 : « ${value} ».",
            {"value": str(level)},
        )
    for name in DATE_PARAMETERS:
        raw = _single(form.get(name))
        if raw in (None, ""):
            continue
        try:
            query[name] = date.fromisoformat(str(raw))
        except ValueError:
            return None, (
                "deployment_bad_date",
                "Date invalide pour « ${name} » : « ${value} » (attendu AAAA-MM-JJ).",
                {"name": name, "value": str(raw)},
            )
    if "b_size" in query:
        query["b_size"] = max(1, min(query["b_size"], MAX_BATCH))
    return query, None


def count_facets(rows, names=FACETS):
    """Facet counts of a result set.

    :param rows: one ``{facet: value or [values]}`` per result.
    :returns: ``{facet: Counter}``.
    """
    counts = {name: Counter() for name in names}
    for row in rows:
        for name in names:
            value = row.get(name)
            if value is None or value == "":
                continue
            if isinstance(value, (list, tuple, set, frozenset)):
                counts[name].update(set(value))
            else:
                counts[name][value] += 1
    return counts


def period_problem(start, end):
    """A deployment list's dates: both given, ``start`` ≤ ``end``.

    :returns: None, or the refusal ``(msgid, French default, mapping)``.
    """
    if start is None or end is None:
        return ("deployment_list_dates_required", "Indiquez le début et la fin.", {})
    if start > end:
        return (
            "deployment_list_end_before_start",
            "La fin (${end}) précède le début (${start}).",
            {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")},
        )
    return None


def is_notified(state, notify):
    """Does a list show in its members' Mon dossier: active and ``notify``."""
    return state == "active" and bool(notify)
