"""Promotion rules: eligibility for a grade, the ranking of the tableau
d'avancement, the effective date, departures from the ranking, échelons by
seniority (pure: no Zope import).

Years are calendar years: N years after a date is the same day N years
later (the anniversary day counts), 29 February falling on 28 February in a
common year. The age limit is reached on the retirement date of
``sirhp.content.retirement.rules``: that day the officer is no longer
eligible.
"""

from datetime import date
from decimal import Decimal
from sirhp.content.evaluation.rules import round_half_up
from sirhp.content.evaluation.rules import to_decimal
from sirhp.content.retirement.rules import retirement_date
from sirhp.content.training.rules import add_years

# Criteria, in the order the page lists them
STATUS = "status"
YEARS_IN_GRADE = "years_in_grade"
YEARS_IN_SERVICE = "years_in_service"
AVERAGE_MARK = "average_mark"
TRAININGS = "required_trainings"
SANCTIONS = "sanctions"
AGE_LIMIT = "age_limit"

# Decisions of the commission on a candidate
PROMOTED = "promoted"
DEFERRED = "deferred"
REFUSED = "refused"
NOT_PROMOTED = (DEFERRED, REFUSED)

# Ranking: a score of weights × average mark and years in grade
DEFAULT_FORMULA = {"mark_weight": 1, "seniority_weight": 0}

# First months of the quarters (statute art. 17)
QUARTER_MONTHS = (1, 4, 7, 10)


def full_years(start, at):
    """Whole calendar years from ``start`` to ``at`` (the anniversary day
    counts; 29 February on 28 February in a common year); None without
    ``start``, 0 when ``at`` is before it."""
    if start is None:
        return None
    years = at.year - start.year
    while years > 0 and add_years(start, years) > at:
        years -= 1
    return max(years, 0)


def average_mark(marks, campaigns, at=None):
    """The average of the last ``campaigns`` campaigns that have a mark,
    rounded half up to 2 decimals (a Decimal), or None without any mark.

    ``marks``: {year: mark or None}; years after ``at``'s year are ignored.
    When fewer campaigns have a mark, the average is over those there are.
    """
    years = sorted(
        (y for y, m in (marks or {}).items() if m is not None),
        reverse=True,
    )
    if at is not None:
        years = [y for y in years if y <= at.year]
    last = years[: campaigns or None]
    if not last:
        return None
    return round_half_up(sum(to_decimal(marks[y]) for y in last) / len(last))


def _criterion(name, required, actual, met):
    return {"criterion": name, "required": required, "actual": actual, "met": met}


def _years_criterion(name, start, required, at):
    actual = full_years(start, at)
    return _criterion(name, required, actual, actual is not None and actual >= required)


def _worst_sanction(sanctions, years, at):
    """The highest level of the sanctions dated from ``years`` years before
    ``at`` (that day included) to ``at``; 0 without any. ``years`` None:
    every sanction up to ``at`` counts."""
    since = add_years(at, -years) if years is not None else None
    levels = [
        level
        for day, level in sanctions or ()
        if day <= at and (since is None or day >= since)
    ]
    return max(levels, default=0)


def eligibility(officer, rule, at):
    """Is the officer eligible for the rule's grade on ``at``, criterion by
    criterion: ``{"eligible", "criteria": [{"criterion", "required",
    "actual", "met"}]}``. Eligible when every criterion is met.

    ``officer``: ``grade_date``, ``hire_date``, ``birth_date``, ``status``,
    ``marks`` ({year: mark}), ``trainings`` (codes passed), ``sanctions``
    ([(date, level)]), ``age_limit``, optional ``retirement_date`` (when
    known, e.g. from the catalog, it stands for the one computed from
    ``birth_date`` and ``age_limit``). ``rule``: ``status`` (default
    ``active``) and, each optional (a criterion absent from the rule is not
    checked), ``min_years_in_grade``, ``min_years_in_service``,
    ``min_average_mark`` with ``over_last_campaigns``,
    ``required_trainings``, ``max_sanction_level`` with ``sanction_years``.

    Boundaries: exactly N years in grade on ``at`` is met; an average
    exactly at the minimum is met (the average rounded to 2 decimals, as
    shown, is compared); a sanction at the maximum level is allowed, above
    is not; on the day of the age limit the officer is not eligible.
    """
    criteria = [
        _criterion(
            STATUS,
            rule.get("status", "active"),
            officer.get("status"),
            officer.get("status") == rule.get("status", "active"),
        )
    ]
    if rule.get("min_years_in_grade") is not None:
        criteria.append(
            _years_criterion(
                YEARS_IN_GRADE,
                officer.get("grade_date"),
                rule["min_years_in_grade"],
                at,
            )
        )
    if rule.get("min_years_in_service") is not None:
        criteria.append(
            _years_criterion(
                YEARS_IN_SERVICE,
                officer.get("hire_date"),
                rule["min_years_in_service"],
                at,
            )
        )
    if rule.get("min_average_mark") is not None:
        minimum = to_decimal(rule["min_average_mark"])
        actual = average_mark(officer.get("marks"), rule.get("over_last_campaigns"), at)
        criteria.append(
            _criterion(
                AVERAGE_MARK, minimum, actual, actual is not None and actual >= minimum
            )
        )
    if rule.get("required_trainings"):
        required = sorted(rule["required_trainings"])
        passed = set(officer.get("trainings") or ())
        held = [code for code in required if code in passed]
        criteria.append(_criterion(TRAININGS, required, held, held == required))
    if rule.get("max_sanction_level") is not None:
        worst = _worst_sanction(
            officer.get("sanctions"), rule.get("sanction_years"), at
        )
        maximum = rule["max_sanction_level"]
        criteria.append(_criterion(SANCTIONS, maximum, worst, worst <= maximum))
    limit = officer.get("age_limit")
    if limit:
        retires_on = officer.get("retirement_date") or retirement_date(
            officer.get("birth_date"), limit
        )
        criteria.append(
            _criterion(
                AGE_LIMIT,
                limit,
                full_years(officer.get("birth_date"), at),
                retires_on is not None and at < retires_on,
            )
        )
    return {"eligible": all(c["met"] for c in criteria), "criteria": criteria}


def _far_future(value):
    return value if value is not None else date.max


def rank(candidates, formula=None):
    """The tableau d'avancement: candidates ranked best first, each a copy
    with ``score``, ``years_in_grade`` and ``rank``.

    score = mark_weight × average mark + seniority_weight × whole years in
    grade on ``formula["at"]`` (needed when seniority weighs). Equal scores
    are split, in order, by: the longer seniority in grade (earlier
    ``grade_date``), the longer service (earlier ``hire_date``), the older
    officer (earlier ``birth_date``), the ``matricule``. Two candidates
    share a rank only when all of these are equal; the next rank then skips
    (1, 1, 3). A candidate without an average mark comes last.

    ``candidates``: dicts with ``matricule``, ``average_mark``,
    ``grade_date``, ``hire_date``, ``birth_date``.
    """
    formula = {**DEFAULT_FORMULA, **(formula or {})}
    mark_weight = to_decimal(formula["mark_weight"])
    seniority_weight = to_decimal(formula["seniority_weight"])
    at = formula.get("at")
    if seniority_weight and at is None:
        raise ValueError("a formula weighing seniority needs its date 'at'")
    rows = []
    for candidate in candidates:
        mark = candidate.get("average_mark")
        years = full_years(candidate.get("grade_date"), at) if at else None
        score = None
        if mark is not None:
            score = mark_weight * to_decimal(mark)
            if seniority_weight:
                score += seniority_weight * (years or 0)
        rows.append({**candidate, "score": score, "years_in_grade": years})

    def key(row):
        return (
            row["score"] is None,
            -(row["score"] or Decimal(0)),
            _far_future(row.get("grade_date")),
            _far_future(row.get("hire_date")),
            _far_future(row.get("birth_date")),
            str(row.get("matricule") or ""),
        )

    rows.sort(key=key)
    previous = None
    for position, row in enumerate(rows, start=1):
        if previous is not None and key(row) == key(previous):
            row["rank"] = previous["rank"]
        else:
            row["rank"] = position
        previous = row
    return rows


def effective_date(decided_on):
    """The day a promotion takes effect: the first day of the quarter after
    the decision (1 January, 1 April, 1 July or 1 October; statute art. 17).

    A decision taken ON a quarter's first day still waits for the next
    quarter (decided 1 April: effective 1 July): the statute's "first day
    of a quarter" follows the decision, never coincides with it, so no
    promotion takes effect before it was signed or on the signing day.
    """
    month = QUARTER_MONTHS[(decided_on.month - 1) // 3] + 3
    if month > 12:
        return date(decided_on.year + 1, 1, 1)
    return date(decided_on.year, month, 1)


def _decision(value):
    """``(decision, reason)`` from ``"promoted"`` or ``{"decision",
    "reason"}``."""
    if isinstance(value, dict):
        return value.get("decision"), value.get("reason")
    return value, None


def departures(ranking, decisions):
    """The promotions that depart from the ranking: a candidate promoted
    while a better-ranked candidate was deferred or refused. Each needs a
    reason (``reason_missing`` says whether one was given).

    ``ranking``: rows with ``matricule`` and ``rank`` (``rank()``);
    ``decisions``: {matricule: decision, or {"decision", "reason"}};
    candidates without a decision yet are ignored, equal ranks are not a
    departure. Returns, in ranking order, ``{"matricule", "rank",
    "passed_over" (the matricules of the better-ranked not promoted),
    "reason", "reason_missing"}``.
    """
    result = []
    for row in sorted(ranking, key=lambda r: r["rank"]):
        decision, reason = _decision(decisions.get(row["matricule"]))
        if decision != PROMOTED:
            continue
        passed_over = [
            other["matricule"]
            for other in sorted(ranking, key=lambda r: r["rank"])
            if other["rank"] < row["rank"]
            and _decision(decisions.get(other["matricule"]))[0] in NOT_PROMOTED
        ]
        if passed_over:
            result.append(
                {
                    "matricule": row["matricule"],
                    "rank": row["rank"],
                    "passed_over": passed_over,
                    "reason": reason,
                    "reason_missing": not (reason or "").strip(),
                }
            )
    return result


def _durations(durations):
    """{échelon: years to the next} from a mapping or a sequence (the first
    item for échelon 1)."""
    if isinstance(durations, dict):
        return durations
    return {position: years for position, years in enumerate(durations, start=1)}


def echelon_at(echelon, echelon_date, durations, at):
    """``(échelon, since)`` reached on ``at`` by seniority alone, from the
    échelon held since ``echelon_date``: each échelon is left for the next
    once its duration (years, ``durations``) has elapsed, on the
    anniversary day. The last échelon has no duration (missing or None)."""
    table = _durations(durations)
    while table.get(echelon):
        due = add_years(echelon_date, table[echelon])
        if due > at:
            break
        echelon, echelon_date = echelon + 1, due
    return echelon, echelon_date


def echelon_due(echelon, echelon_date, durations, at):
    """The date the next échelon is due by seniority after ``at``, or None
    at the last échelon.

    Seniority alone moves the échelon: held since ``echelon_date``, échelon
    ``e`` gives way to ``e + 1`` after ``durations[e]`` years. If that date
    is already past on ``at`` (the move was not recorded), the count goes
    on from it to the échelon reached (``echelon_at``) and gives that one's
    next date. A date on a 29 February falls on 28 February in common years.
    """
    echelon, since = echelon_at(echelon, echelon_date, durations, at)
    years = _durations(durations).get(echelon)
    return add_years(since, years) if years else None
