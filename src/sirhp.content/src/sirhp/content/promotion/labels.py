"""The French line of each eligibility criterion ("3 ans 2 mois dans le
grade ≥ 3 ans", "moyenne 13,4 ≥ 12", "formation OPJ"): i18n messages, the
✔/✘ mark is the page's. ``sanction_visible`` False: the sanction criterion
says only the level allowed, never the level found."""

from sirhp.content import _
from sirhp.content.base.number_rules import decimal_text
from sirhp.content.careers.rules import seniority
from sirhp.content.evaluation.rules import to_decimal
from sirhp.content.promotion import rules
from zope.i18nmessageid import Message

MSG = {
    rules.STATUS: _("eligibility_status", default="position « ${required} »"),
    "active": _("eligibility_status_active", default="en activité"),
    rules.YEARS_IN_GRADE: _(
        "eligibility_years_in_grade",
        default="${years} ans ${months} mois dans le grade ≥ ${required} ans",
    ),
    rules.YEARS_IN_SERVICE: _(
        "eligibility_years_in_service",
        default="${years} ans ${months} mois de service ≥ ${required} ans",
    ),
    "no_date": _(
        "eligibility_no_date",
        default="date inconnue (${required} ans requis)",
    ),
    rules.AVERAGE_MARK: _(
        "eligibility_average_mark", default="moyenne ${actual} ≥ ${required}"
    ),
    "no_mark": _(
        "eligibility_no_mark", default="moyenne : aucune note (${required} requis)"
    ),
    rules.TRAININGS: _("eligibility_trainings", default="formation ${required}"),
    rules.SANCTIONS: _(
        "eligibility_sanctions",
        default="aucune sanction au-dessus du niveau ${required}",
    ),
    rules.AGE_LIMIT: _(
        "eligibility_age_limit", default="avant la limite d'âge (${required} ans)"
    ),
}


def number(value):
    """A mark as French writes it: 13,4 and 12 (no trailing zeros)."""
    if value is None:
        return ""
    return decimal_text(to_decimal(value).normalize(), empty="")


def _message(key, **mapping):
    return Message(MSG[key], mapping={k: str(v) for k, v in mapping.items()})


def _years(criterion, start, at):
    spent = seniority(start, at) if start else None
    if spent is None:
        return _message("no_date", required=criterion["required"])
    return _message(
        criterion["criterion"],
        years=spent["years"],
        months=spent["months"],
        required=criterion["required"],
    )


def label(criterion, dates, at):
    """The French message of one criterion of ``rules.eligibility``.

    ``dates``: ``{"grade_date", "hire_date"}`` (seniority in months)."""
    name = criterion["criterion"]
    required = criterion["required"]
    if name == rules.STATUS:
        if required == "active":
            return MSG["active"]
        return _message(name, required=required)
    if name == rules.YEARS_IN_GRADE:
        return _years(criterion, dates.get("grade_date"), at)
    if name == rules.YEARS_IN_SERVICE:
        return _years(criterion, dates.get("hire_date"), at)
    if name == rules.AVERAGE_MARK:
        if criterion["actual"] is None:
            return _message("no_mark", required=number(required))
        return _message(
            name, actual=number(criterion["actual"]), required=number(required)
        )
    if name == rules.TRAININGS:
        return _message(name, required=", ".join(c.upper() for c in required))
    return _message(name, required=required)
