"""Coherent demo careers drawn from the référentiels (pure: no Zope import).

A career is a list of acts in the notation of ``sirhp.content.careers.rules``
(``type``, ``date``, ``end_date``, ``grade``, ``echelon``, ``unit``,
``status``, ``position``, plus ``details`` and ``pending``) and the
situation they give on the reference date: the generated file takes exactly
that situation as its own values. Everything is drawn from a random
generator seeded with the file's index, never from the clock.

The rules followed: recruitment in the corps' first grade, échelon 1; an
échelon lasts what the référentiels say; a promotion goes to the next grade
of the corps (échelon 1) after ``MIN_YEARS_IN_GRADE`` years in the grade; no
advancement while in availability (``disponibilité``); periods with an end
date (detachment, availability) never overlap each other.
"""

from datetime import date
from datetime import timedelta
import random
from sirhp.content.careers import rules
from sirhp.content.referentials import rules as referential_rules
from sirhp.content.retirement import rules as retirement_rules

# The generator's "today" (see ``files.REFERENCE_DATE``, which is this date).
REFERENCE_DATE = date(2026, 11, 1)
# minimum seniority in a grade before a promotion to the next one
MIN_YEARS_IN_GRADE = 3
PROMOTION_CHANCE = 0.35
# status taken by the acts that last a period
TEMPORARY = {"detachment": "detached", "availability": "available"}
# acts that end a career (archived files): type -> status
ENDINGS = {
    "retirement": "retired",
    "resignation": "resigned",
    "dismissal": "dismissed",
    "death": "deceased",
}
POSITIONS = (
    "Chef de poste",
    "Enquêteur",
    "Agent de circulation",
    "Secrétaire",
    "Chef de brigade",
    "Instructeur",
    "Opérateur radio",
    "Chauffeur",
    "Adjoint au commissaire",
)
DETAILS = {
    "recruitment": "Recrutement sur concours direct.",
    "echelon": "Avancement d'échelon à l'ancienneté.",
    "promotion": "Avancement de grade au choix.",
    "transfer": "Mutation dans l'intérêt du service.",
    "detachment": "Détachement auprès d'une administration partenaire.",
    "availability": "Mise en disponibilité pour convenances personnelles.",
    "decoration": "Médaille du mérite national.",
    "sanction": "Avertissement pour retards répétés au service.",
    "training": "Stage de perfectionnement en police judiciaire.",
    "retirement": "Admission à la retraite (limite d'âge).",
    "resignation": "Démission acceptée.",
    "dismissal": "Révocation après conseil de discipline.",
    "death": "Décès en activité.",
}
# an échelon advance is a career act of type "promotion" without grade change
# in the event types; its details say what it is
ECHELON_TYPE = "promotion"
# what a sanction or a decoration act names (a light sanction: no period)
NAMED = {
    "sanction": {"sanction": "avertissement"},
    "decoration": {"decoration": "Médaille du mérite national"},
}


def _seeded(index, salt):
    return random.Random(index * 1_000_003 + salt)


def _day_between(rng, start, end):
    """A day in [start, end] (``start`` when the range is empty)."""
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _act(type_, day, **values):
    act = {"type": type_, "date": day, "details": DETAILS[type_], "pending": False}
    act.update(values)
    return act


def _paused(day, pauses):
    """``day``, or the day after the availability it falls in."""
    for start, end in pauses:
        if start <= day <= end:
            return end + timedelta(days=1)
    return day


def _advancement(rng, grades, hire, end, tables, pauses):
    """Échelon advances and promotions from ``hire`` until before ``end``."""
    acts = []
    grade_index, echelon = 0, 1
    grade_since = echelon_since = hire
    while True:
        grade = grades[grade_index]
        years = referential_rules.echelon_years(tables, grade, echelon)
        advance = rules.add_months(echelon_since, 12 * years) if years else None
        may_promote = grade_index + 1 < len(grades)
        earliest = rules.add_months(grade_since, 12 * MIN_YEARS_IN_GRADE)
        if rules.seniority(grade_since, earliest)["years"] < MIN_YEARS_IN_GRADE:
            earliest += timedelta(days=1)  # from 29 February
        if may_promote and (advance is None or rng.random() < PROMOTION_CHANCE):
            # in the last échelon: some time after reaching it
            waited = rules.add_months(echelon_since, rng.randint(6, 30))
            day = max(advance or waited, earliest)
            day = _paused(day, pauses)
            if day >= end:
                break
            grade_index, echelon = grade_index + 1, 1
            grade_since = echelon_since = day
            acts.append(_act("promotion", day, grade=grades[grade_index], echelon=1))
        elif advance is not None:
            day = _paused(advance, pauses)
            if day >= end:
                break
            echelon += 1
            echelon_since = day
            acts.append(
                _act(ECHELON_TYPE, day, echelon=echelon, details=DETAILS["echelon"])
            )
        else:
            break
    return acts


def _temporary(rng, hire, end, ending):
    """At most one detachment or availability: (type, start, end_date)."""
    if rng.random() >= 0.15 or (end - hire).days < 400:
        return None
    type_ = rng.choice(tuple(TEMPORARY))
    start = _day_between(rng, hire + timedelta(days=365), end - timedelta(days=1))
    last = rules.add_months(start, rng.randint(6, 36)) - timedelta(days=1)
    if ending:  # it ends before the career does
        last = min(last, end - timedelta(days=1))
    return type_, start, last


def career_for(
    index,
    hire_date,
    corps,
    units,
    tables,
    *,
    reference_date=REFERENCE_DATE,
    ending=False,
    birth_date=None,
):
    """The career of the file number ``index``.

    :param index: the file's index (seeds every draw).
    :param hire_date: the day of recruitment (before ``reference_date``).
    :param corps: the corps code (the career stays in it).
    :param units: the units it may serve in (any objects, the first posting
        drawn among them).
    :param tables: the référentiels in force (``referentials.api.tables``).
    :param reference_date: the generator's today: every act is before it.
    :param ending: the career has ended (archived file): a last act
        (resignation, dismissal, death; retirement when ``birth_date``
        reaches the age limit before ``reference_date``) sets the status.
    :param birth_date: to date a retirement at the age limit.
    :returns: ``(acts, situation)``: acts oldest first, and
        ``rules.situation_at(acts, reference_date)``.
    """
    rng = _seeded(index, 17)
    grades = referential_rules.grades_of(tables, corps)
    end = reference_date
    final = None
    if ending:
        limit = referential_rules.age_limit(tables, corps, grades[0])
        retire = retirement_rules.retirement_date(birth_date, limit)
        if retire and hire_date < retire < reference_date:
            final_type, end = "retirement", retire
        else:
            final_type = rng.choice(("resignation", "dismissal", "death"))
            end = _day_between(
                rng,
                min(
                    hire_date + timedelta(days=730), reference_date - timedelta(days=2)
                ),
                reference_date - timedelta(days=2),
            )
            end = max(end, hire_date + timedelta(days=1))
        final = _act(final_type, end, status=ENDINGS[final_type])
    temporary = _temporary(rng, hire_date, end, ending)
    pauses = []
    if temporary and temporary[0] == "availability":
        pauses.append(temporary[1:])
    acts = [
        _act(
            "recruitment",
            hire_date,
            grade=grades[0],
            echelon=1,
            unit=rng.choice(units),
            status="active",
            position=rng.choice(POSITIONS),
        )
    ]
    acts += _advancement(rng, grades, hire_date, end, tables, pauses)
    if temporary:
        type_, start, last = temporary
        acts.append(_act(type_, start, end_date=last, status=TEMPORARY[type_]))
    unit = acts[0]["unit"]
    for _ in range(rng.randint(0, max(0, (end - hire_date).days // 2500))):
        day = _day_between(
            rng, hire_date + timedelta(days=200), end - timedelta(days=1)
        )
        if day >= end:
            continue
        unit = rng.choice([u for u in units if u != unit] or units)
        acts.append(_act("transfer", day, unit=unit, position=rng.choice(POSITIONS)))
    for type_, chance in (("decoration", 0.2), ("sanction", 0.05), ("training", 0.1)):
        if rng.random() < chance and (end - hire_date).days > 60:
            day = _day_between(
                rng, hire_date + timedelta(days=30), end - timedelta(days=1)
            )
            # a few trainings wait for a reviewer (they change no situation)
            acts.append(
                _act(
                    type_,
                    day,
                    pending=type_ == "training" and index % 3 == 0,
                    **NAMED.get(type_, {}),
                )
            )
    if final:
        acts.append(final)
    acts = rules.ordered(acts)
    return acts, rules.situation_at(acts, reference_date)


def birth_date_for(
    index, birth_date, hire_date, corps, tables, reference_date=REFERENCE_DATE
):
    """``birth_date``, or for one file in eight a birth date that makes the
    officer reach the corps' age limit in the coming one to six years (so the
    retirement lists have someone); never less than 25 years before hire."""
    if index % 8 != 3:
        return birth_date
    rng = _seeded(index, 29)
    limit = referential_rules.age_limit(
        tables, corps, referential_rules.grades_of(tables, corps)[0]
    )
    if not limit:
        return birth_date
    retire = rules.add_months(reference_date, rng.randint(12, 71))
    born = retire.replace(year=retire.year - limit, day=min(retire.day, 28))
    if born > hire_date.replace(year=hire_date.year - 25, day=min(hire_date.day, 28)):
        return birth_date
    return born


def leaves_for(index, reference_date=REFERENCE_DATE):
    """Leave requests of the file number ``index``: ``(type, start, end,
    state)``; about one file in three has some, one in eleven is absent on
    the reference date (a leave across it), a few wait for approval."""
    rng = _seeded(index, 41)
    result = []
    if index % 3 == 0:
        start = reference_date - timedelta(days=rng.randint(60, 300))
        result.append(
            ("annual", start, start + timedelta(days=rng.randint(5, 20)), "approved")
        )
    if index % 11 == 0:
        start = reference_date - timedelta(days=rng.randint(0, 5))
        result.append(
            ("annual", start, start + timedelta(days=rng.randint(7, 14)), "approved")
        )
    elif index % 13 == 0:
        start = reference_date + timedelta(days=rng.randint(7, 40))
        result.append(
            ("annual", start, start + timedelta(days=rng.randint(3, 10)), "requested")
        )
    return result
