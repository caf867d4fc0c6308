"""Versioned référentiels (pure): which version is in force on a date, and
lookups in it. A version is ``{"effective": "YYYY-MM-DD", "tables": {kind:
{code: {...}}}}``; versions never change once in force, a statute change
adds one."""

from datetime import date
import re


def version_at(versions, at: date):
    """The version in force on ``at`` (the latest whose effective date is on
    or before it), or None when ``at`` precedes them all."""
    chosen = None
    for version in sorted(versions, key=lambda v: v["effective"]):
        if date.fromisoformat(version["effective"]) <= at:
            chosen = version
    return chosen


def age_limit(tables, corps, grade=None):
    """Age limit of a grade (its own, else its corps'), or None."""
    grade_spec = tables.get("grades", {}).get(grade or "", {})
    if grade_spec.get("age_limit"):
        return grade_spec["age_limit"]
    return tables.get("corps", {}).get(corps or "", {}).get("age_limit")


def grades_of(tables, corps):
    """Grade codes of ``corps``, lowest first."""
    grades = tables.get("grades", {})
    return sorted(
        (code for code, spec in grades.items() if spec.get("corps") == corps),
        key=lambda code: grades[code].get("order", 0),
    )


def echelon_years(tables, grade, echelon):
    """Years to spend in ``echelon`` of ``grade`` before the next (None: the
    last échelon, or unknown)."""
    echelons = tables.get("grades", {}).get(grade or "", {}).get("echelons", {})
    return echelons.get(echelon, echelons.get(str(echelon)))


# Validation of a whole set of tables. Each problem is ``(msgid, French
# default, mapping, "kind:code")``: the API turns the first into an error
# naming the row (rules stay free of Zope).
AGE_MIN, AGE_MAX = 50, 70
COUNTINGS = ("working", "calendar")
KINDS = ("corps", "grades", "leave_types", "sanctions")
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def problem(msgid, default, kind, code, **mapping):
    return (msgid, default, {"kind": kind, "code": code, **mapping}, f"{kind}:{code}")


def _row_problems(kind, code, row):
    """Problems common to every row: its code and its label."""
    if not CODE_RE.match(str(code)):
        return [
            problem(
                "referential_bad_code",
                "Code « ${code} » invalide (${kind}) : lettres minuscules, chiffres, « - ».",
                kind,
                code,
            )
        ]
    if not isinstance(row, dict) or not str(row.get("label") or "").strip():
        return [
            problem(
                "referential_no_label",
                "Ligne « ${code} » (${kind}) : libellé manquant.",
                kind,
                code,
            )
        ]
    return []


def _age_problem(kind, code, value, required):
    if value is None and not required:
        return []
    if not is_int(value) or not AGE_MIN <= value <= AGE_MAX:
        return [
            problem(
                "referential_age_limit",
                "Ligne « ${code} » (${kind}) : la limite d'âge doit être un nombre entier entre 50 et 70.",
                kind,
                code,
            )
        ]
    return []


def _echelon_problems(code, echelons):
    if not isinstance(echelons, dict) or not echelons:
        return [
            problem(
                "referential_no_echelons",
                "Grade « ${code} » : au moins un échelon est requis.",
                "grades",
                code,
            )
        ]
    try:
        numbers = sorted(int(number) for number in echelons)
    except (TypeError, ValueError):
        numbers = []
    if numbers != list(range(1, len(echelons) + 1)):
        return [
            problem(
                "referential_echelon_numbers",
                "Grade « ${code} » : les échelons doivent être numérotés 1, 2, 3… sans trou.",
                "grades",
                code,
            )
        ]
    durations = {int(number): years for number, years in echelons.items()}
    last = numbers[-1]
    for number in numbers:
        years = durations[number]
        if number == last and years is not None:
            return [
                problem(
                    "referential_last_echelon",
                    "Grade « ${code} » : le dernier échelon (${echelon}) n'a pas de durée (laisser vide).",
                    "grades",
                    code,
                    echelon=number,
                )
            ]
        if number != last and (not is_int(years) or years <= 0):
            return [
                problem(
                    "referential_echelon_years",
                    "Grade « ${code} », échelon ${echelon} : la durée doit être un nombre entier d'années positif.",
                    "grades",
                    code,
                    echelon=number,
                )
            ]
    return []


def _grade_problems(tables, code, row):
    corps = tables.get("corps") or {}
    if row.get("corps") not in corps:
        return [
            problem(
                "referential_grade_corps",
                "Grade « ${code} » : le corps « ${corps} » n'existe pas.",
                "grades",
                code,
                corps=str(row.get("corps") or ""),
            )
        ]
    order = row.get("order")
    if not is_int(order) or order < 1:
        return [
            problem(
                "referential_grade_order",
                "Grade « ${code} » : le rang doit être un nombre entier à partir de 1.",
                "grades",
                code,
            )
        ]
    return _echelon_problems(code, row.get("echelons")) + _age_problem(
        "grades", code, row.get("age_limit"), False
    )


def _order_problems(grades):
    seen = {}
    for code, row in grades.items():
        key = (row.get("corps"), row.get("order"))
        if key in seen:
            return [
                problem(
                    "referential_grade_order_twice",
                    "Grade « ${code} » : le rang ${order} est déjà celui du grade « ${other} » dans ce corps.",
                    "grades",
                    code,
                    order=row.get("order"),
                    other=seen[key],
                )
            ]
        seen[key] = code
    return []


def _leave_problems(code, row):
    days = row.get("yearly_days")
    if days is not None and (not is_int(days) or days < 0):
        return [
            problem(
                "referential_leave_days",
                "Congé « ${code} » : le droit annuel doit être un nombre entier de jours, 0 ou plus (vide : sans plafond).",
                "leave_types",
                code,
            )
        ]
    if row.get("counting") not in COUNTINGS:
        return [
            problem(
                "referential_leave_counting",
                "Congé « ${code} » : décompte « jours ouvrés » ou « jours calendaires » attendu.",
                "leave_types",
                code,
            )
        ]
    return []


def _sanction_problems(sanctions):
    seen = {}
    for code, row in sanctions.items():
        level = row.get("level")
        if not is_int(level) or level < 1:
            return [
                problem(
                    "referential_sanction_level",
                    "Sanction « ${code} » : le niveau doit être un nombre entier à partir de 1.",
                    "sanctions",
                    code,
                )
            ]
        if level in seen:
            return [
                problem(
                    "referential_sanction_level_twice",
                    "Sanction « ${code} » : le niveau ${level} est déjà celui de « ${other} ».",
                    "sanctions",
                    code,
                    level=level,
                    other=seen[level],
                )
            ]
        seen[level] = code
    return []


def problems(tables):
    """Every problem of the four statute tables of ``tables`` (empty:
    valid), in table order. The optional promotion rules are checked by
    ``promotion_rules.problems`` once these are valid."""
    if not isinstance(tables, dict) or any(
        not isinstance(tables.get(kind), dict) for kind in KINDS
    ):
        return [
            (
                "referential_shape",
                "Tables attendues : corps, grades, types de congé, sanctions.",
                {"kind": "", "code": ""},
                "",
            )
        ]
    found = []
    for kind in KINDS:
        for code, row in tables[kind].items():
            found += _row_problems(kind, code, row)
    if found:
        return found
    for code, row in tables["corps"].items():
        found += _age_problem("corps", code, row.get("age_limit"), True)
    for code, row in tables["grades"].items():
        found += _grade_problems(tables, code, row)
    found += _order_problems(tables["grades"])
    for code, row in tables["leave_types"].items():
        found += _leave_problems(code, row)
    found += _sanction_problems(tables["sanctions"])
    return found


def may_take_effect(versions, effective: date, today: date):
    """Whether a new version may take effect on ``effective``: not on or
    before the version in force ``today`` (versions in force never change)."""
    current = version_at(versions, today)
    return current is None or effective > date.fromisoformat(current["effective"])


def ordered_grades(tables):
    """Grade codes, corps by corps (corps in table order), lowest first."""
    codes = []
    for corps in tables.get("corps", {}):
        codes += grades_of(tables, corps)
    return codes


def sort_level(row):
    """Sort key of a sanction row by level (a malformed level first)."""
    level = row.get("level")
    return level if is_int(level) else 0


def split_due(pending, today: date):
    """``(due, waiting)``: the effective dates of ``pending`` (ISO texts)
    reached on ``today``, and the others; both sorted, without repeats."""
    days = sorted(set(pending or ()))
    due = [day for day in days if date.fromisoformat(day) <= today]
    return due, [day for day in days if day not in due]
