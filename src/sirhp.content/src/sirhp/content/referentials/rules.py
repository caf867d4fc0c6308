"""Versioned référentiels (pure): which version is in force on a date, and
lookups in it. A version is ``{"effective": "YYYY-MM-DD", "tables": {kind:
{code: {...}}}}``; versions never change once in force, a statute change
adds one."""

from datetime import date


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
