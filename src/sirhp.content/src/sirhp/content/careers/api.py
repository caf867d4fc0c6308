"""Careers: a personnel file's situation on any date (the domain API).

Read side: the situation comes from the file's VALIDATED career acts the
caller may see (catalog search, the caller's permissions), applied over the
file's own career fields, which stand for whatever no act sets (acts do not
write the file yet). Used by ``@career`` and by the file page and « Mon
dossier » (``sirhp.policy``). Rules: ``careers.rules``.
"""

from datetime import date
from plone import api
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
from sirhp.content.careers import rules

MSG_BAD_DATE = _(
    "error_career_bad_date",
    default="Date invalide : indiquez une date au format AAAA-MM-JJ (ex. 2026-11-01).",
)


class CareerError(SirhpError):
    """A refused career question (HTTP 400)."""


def parse_at(text):
    """The day asked for.

    :param text: ``YYYY-MM-DD``, or ``None``/empty for today.
    :returns: a ``date`` or ``None`` (today).
    :raises CareerError: for any other text.
    """
    if text is None or text == "":
        return None
    day = rules.parse_day(text)
    if day is None:
        raise CareerError(MSG_BAD_DATE, field="at")
    return day


def unit_of(relation):
    """(UID, title) of a relation's unit; (None, None) without one. The title
    is shown as the file page shows the file's own unit."""
    if relation is None or relation.isBroken():
        return None, None
    unit = relation.to_object
    if unit is None:
        return None, None
    return api.content.get_uuid(unit), unit.Title()


def titles_of_units(uids):
    """{unit UID: title} in one catalog query. Unrestricted, as reading the
    relation's unit is: a unit's title is shown wherever its acts are."""
    uids = sorted({uid for uid in uids if uid})
    if not uids:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    return {b.UID: b.Title for b in catalog.unrestrictedSearchResults(UID=uids)}


def _validated_acts(file, search):
    brains = search(
        portal_type="CareerEvent",
        path={"query": "/".join(file.getPhysicalPath()), "depth": 1},
        review_state="validated",
        show_inactive=True,  # no publication dates in SIRHP: skip that filter
        sort_on="event_date",
    )
    found = [(brain, dict(brain.career_act or {})) for brain in brains]
    titles = titles_of_units(act.get("unit") for _brain, act in found)
    result = []
    for brain, act in found:
        act["unit_title"] = titles.get(act.get("unit"))
        act["title"] = brain.Title
        act["@id"] = brain.getURL()
        result.append(act)
    return result


def acts(*, file):
    """The file's validated career acts the caller may see, oldest first
    (catalog metadata ``career_act``: no act is loaded).

    :param file: a personnel file.
    :returns: list of act dicts (``rules`` keys, plus ``title``, ``@id``,
        ``reference``, ``unit_title``).
    """
    return _validated_acts(file, api.portal.get_tool("portal_catalog"))


def all_acts(*, file):
    """Every validated act of the file, whoever the caller: the system's
    view, for what the file's acts account for (``missing``).

    :param file: a personnel file.
    :returns: list of act dicts, as ``acts``.
    """
    catalog = api.portal.get_tool("portal_catalog")
    return _validated_acts(file, catalog.unrestrictedSearchResults)


def initial(*, file):
    """The file's own career values: what no act sets.

    :param file: a personnel file.
    :returns: dict of the ``rules.SITUATION`` keys, ``grade_date``,
        ``echelon_date``, ``hire_date`` and ``unit_title``.
    """
    unit, unit_title = unit_of(getattr(file, "unit", None))
    return {
        "grade": getattr(file, "grade", None),
        "echelon": getattr(file, "echelon", None),
        "unit": unit,
        "unit_title": unit_title,
        "status": getattr(file, "status", None),
        "position": getattr(file, "position", None),
        "grade_date": getattr(file, "grade_date", None),
        "echelon_date": getattr(file, "echelon_date", None),
        "hire_date": getattr(file, "hire_date", None),
    }


def _unit_titles(start, acts_):
    titles = {start["unit"]: start["unit_title"]}
    titles.update({act["unit"]: act["unit_title"] for act in acts_})
    return titles


def _situation(at, found, start):
    at = at or date.today()
    result = rules.situation_at(found, at, start)
    result["unit_title"] = _unit_titles(start, found).get(result["unit"])
    result["at"] = at
    result["hire_date"] = start["hire_date"]
    result["seniority"] = rules.seniorities(result, start["hire_date"], at)
    return result


def situation(*, file, at=None):
    """The file's situation on ``at``.

    :param file: a personnel file.
    :param at: a ``date`` (default: today).
    :returns: dict: ``at``, grade, echelon, unit (UID), ``unit_title``,
        status, position, ``grade_date``, ``echelon_date``, ``hire_date``,
        ``seniority`` ``{"grade", "service"}`` (each ``{"years", "months",
        "days"}`` or ``None``).
    """
    return _situation(at, acts(file=file), initial(file=file))


def career(*, file, at=None):
    """The file's career: situation on ``at``, acts, periods.

    :param file: a personnel file.
    :param at: a ``date`` (default: today).
    :returns: ``{"current": situation(...), "events": acts(...),
        "positions": [{"start", "end", grade, echelon, unit, unit_title,
        status, position}]}`` (events and positions oldest first).
    """
    found = acts(file=file)
    start = initial(file=file)
    titles = _unit_titles(start, found)
    positions = rules.periods(found, start)
    for period in positions:
        period["unit_title"] = titles.get(period["unit"])
    return {
        "current": _situation(at, found, start),
        "events": found,
        "positions": positions,
    }
