"""The forms of ``@@referentiels-statut`` read as data: the référentiels'
rows (``kind.field:records``) as tables, the statute mapping rows, the
decision's scan. Typed values only: what is not a number stays as typed,
for ``sirhp.content.referentials.api`` to refuse at its row (the rules are
checked there, never here)."""

import re
from sirhp.content.base.number_rules import typed

# the promotion rules' whole-number fields (``promotion_rules.PROMOTION_COUNTS``)
PROMOTION_NUMBERS = (
    "min_years_in_grade",
    "min_years_in_service",
    "over_last_campaigns",
    "max_sanction_level",
    "sanction_years",
)
SEPARATORS = re.compile(r"[,;\s]+")


def number(text):
    """A typed number: int, None when empty, else the text as typed (the
    API refuses it, naming the row)."""
    text = str(text or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return text


def echelons_of(text):
    """``"2, 2, 3, "`` -> {"1": 2, "2": 2, "3": 3, "4": None}: one échelon
    per comma-separated duration (the last one empty)."""
    parts = str(text or "").split(",")
    return {str(i): number(part) for i, part in enumerate(parts, start=1)}


def echelons_text(echelons):
    """{"1": 2, "2": None} -> ``"2, "``."""
    ordered = sorted((echelons or {}).items(), key=lambda item: int(item[0]))
    return ", ".join("" if years is None else str(years) for _n, years in ordered)


def mapping_from_form(form):
    """``{old: new}`` from the mapping rows (``mapping.old/new:records``);
    rows missing either grade are ignored (an empty mapping is refused by
    the API)."""
    rows = form.get("mapping") or []
    if not isinstance(rows, list):
        return {}
    return {
        str(row.get("old", "")).strip(): str(row.get("new", "")).strip()
        for row in rows
        if hasattr(row, "get")
        and str(row.get("old", "")).strip()
        and str(row.get("new", "")).strip()
    }


def scan_from_form(form):
    """``(bytes, filename)`` of the uploaded decision scan, or None."""
    upload = form.get("mapping_scan")
    if not upload or not hasattr(upload, "read"):
        return None
    data = upload.read()
    return (data, getattr(upload, "filename", "") or "") if data else None


def _rows(form, kind):
    """The typed rows of ``kind`` that have a code (``:records`` fields)."""
    rows = form.get(kind) or []
    if not isinstance(rows, list):
        return []
    return [
        row for row in rows if hasattr(row, "get") and str(row.get("code", "")).strip()
    ]


def tables_from_form(form):
    """The tables as typed in the panel's rows (rows without a code
    ignored). The promotion rules only when the form has their rows: a form
    without them (an older page, a script) does not empty them, the panel
    keeps those in force (``ReferentialsPanel.save``)."""
    corps = {
        row["code"].strip(): {
            "label": row.get("label", "").strip(),
            "category": row.get("category", "").strip(),
            "age_limit": number(row.get("age_limit")),
        }
        for row in _rows(form, "corps")
    }
    grades = {}
    for row in _rows(form, "grades"):
        grade = {
            "corps": row.get("corps", "").strip(),
            "order": number(row.get("order")),
            "label": row.get("label", "").strip(),
            "echelons": echelons_of(row.get("echelons")),
        }
        if number(row.get("age_limit")) is not None:
            grade["age_limit"] = number(row.get("age_limit"))
        grades[row["code"].strip()] = grade
    leave_types = {
        row["code"].strip(): {
            "label": row.get("label", "").strip(),
            "yearly_days": number(row.get("yearly_days")),
            "counting": row.get("counting", ""),
            "restricted_scan": bool(row.get("restricted_scan")),
        }
        for row in _rows(form, "leave_types")
    }
    sanctions = {
        row["code"].strip(): {
            "label": row.get("label", "").strip(),
            "level": number(row.get("level")),
        }
        for row in _rows(form, "sanctions")
    }
    tables = {
        "corps": corps,
        "grades": grades,
        "leave_types": leave_types,
        "sanctions": sanctions,
    }
    if "promotion_rules" in form:
        tables["promotion_rules"] = promotion_rules_from_form(form)
    return tables


def mark(text):
    """A typed mark: int or float (a French comma accepted), None when
    empty, else the text as typed."""
    text = str(text or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(typed(text))
    except ValueError:
        return text


def codes_of(text):
    """``"opj, police-proximite"`` -> ["opj", "police-proximite"] (commas,
    semicolons or spaces between codes)."""
    return [code for code in SEPARATORS.split(str(text or "")) if code]


def codes_text(codes):
    """["opj", "langues"] -> ``"opj, langues"``."""
    return ", ".join(codes or ())


def promotion_rules_from_form(form):
    """``{target grade: rule}`` from the promotion rows: an empty field is
    left out of the rule (the criterion is not checked)."""
    rules = {}
    for row in _rows(form, "promotion_rules"):
        rule = {name: number(row.get(name)) for name in PROMOTION_NUMBERS}
        rule["min_average_mark"] = mark(row.get("min_average_mark"))
        rule["required_trainings"] = codes_of(row.get("required_trainings"))
        rule["status"] = str(row.get("status") or "").strip() or None
        rules[row["code"].strip()] = {
            key: value for key, value in rule.items() if value is not None
        }
    return rules
