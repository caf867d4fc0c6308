"""Careers: a personnel file's situation on any date (the domain API).

Read side: the situation comes from the file's VALIDATED career acts the
caller may see (catalog search, the caller's permissions), applied over the
file's values before any act (``initial``), which stand for whatever no act
sets. Used by ``@career`` and by the file page and « Mon dossier »
(``sirhp.policy``), so reads are right on any day, before the daily job has
written the acts due (``careers.apply``). Rules: ``careers.rules``.
"""

from Acquisition import aq_base
from DateTime import DateTime
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.uuid.interfaces import IUUID
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.targets import target
from sirhp.content.careers import rules
from sirhp.content.content.records import parent_file
from sirhp.content.interfaces import ICareerEvent
from sirhp.content.interfaces import IPersonnelFile

MSG_BAD_DATE = _(
    "error_career_bad_date",
    default="Date invalide : indiquez une date au format AAAA-MM-JJ (ex. 2026-11-01).",
)

# the rules of ``rules.act_problem``: (field, message)
ACT_PROBLEMS = {
    "sanction_required": (
        "sanction",
        _(
            "error_career_sanction_required",
            default="Indiquez la sanction prononcée.",
        ),
    ),
    "decoration_required": (
        "decoration",
        _(
            "error_career_decoration_required",
            default="Indiquez la décoration ou distinction décernée.",
        ),
    ),
    "end_date_required": (
        "end_date",
        _(
            "error_career_suspension_end_required",
            default="Une mise à pied doit indiquer sa date de fin.",
        ),
    ),
    "demotion_grade": (
        "resulting_grade",
        _(
            "error_career_demotion_grade",
            default="Une rétrogradation doit indiquer un grade inférieur du même "
            "corps que le grade détenu à la date d'effet.",
        ),
    ),
}


# Attribute of a file: its career values before any act wrote it, taken by
# ``careers.apply`` the first time acts write the file. Once acts write the
# file's fields, those fields no longer say what holds when an act ends.
BASELINE = "career_baseline"
RECORD_WORKFLOW = "sirhp_record_workflow"


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


def is_disciplinary_act(obj) -> bool:
    """Whether ``obj`` is a disciplinary career act (sanction, suspension):
    restricted like medical documents (``sirhp.policy.documents.security``).
    """
    return ICareerEvent.providedBy(obj) and rules.is_disciplinary(
        getattr(obj, "event_type", None)
    )


def file_of(context):
    """The personnel file of ``context`` (the file itself, or an act's)."""
    if IPersonnelFile.providedBy(context):
        return context
    return parent_file(context)


def check_act(*, values, context):
    """Refuse a career act that breaks a rule of its nature (the form's
    invariant and REST both call this).

    :param values: the act's fields (schema names: ``event_type``,
        ``sanction``, ``decoration``, ``event_date``, ``end_date``,
        ``resulting_grade``).
    :param context: the act, or the file it is added to.
    :raises CareerError: the rule broken, on its field.
    """
    act = {
        "type": values.get("event_type"),
        "sanction": values.get("sanction"),
        "decoration": values.get("decoration"),
        "end_date": values.get("end_date"),
        "grade": values.get("resulting_grade"),
    }
    grade_before = None
    if act["type"] == "sanction" and act["sanction"] == rules.DEMOTION:
        file = file_of(context)
        at = values.get("event_date")
        if file is not None and at is not None:
            grade_before = situation(file=file, at=at - timedelta(days=1))["grade"]
    # referentials.api files acts through careers.api
    from sirhp.content.referentials import (  # late import: a real cycle
        api as referentials,
    )

    tables = referentials.tables(at=values.get("event_date"))
    problem = rules.act_problem(act, tables["grades"], grade_before)
    if problem is not None:
        field, message = ACT_PROBLEMS[problem]
        raise CareerError(message, field=field)


def unit_of(relation):
    """(UID, title) of a relation's unit; (None, None) without one. The title
    is shown as the file page shows the file's own unit."""
    unit = target(relation)
    if unit is None:
        return None, None
    # IUUID, not plone.api's get_uuid: its check of the arguments was 7 % of
    # a file's catalog columns
    return IUUID(unit), unit.Title()


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
    """The file's career values before any act: what no act sets (the
    values stored when acts first wrote the file, else the file's own).

    :param file: a personnel file.
    :returns: dict of the ``rules.SITUATION`` keys, ``grade_date``,
        ``echelon_date``, ``hire_date``, ``unit_title`` and ``corps``.
    """
    baseline = getattr(aq_base(file), BASELINE, None)
    if baseline is not None:
        result = dict(baseline)
        unit = uuidToObject(result["unit"]) if result.get("unit") else None
        result["unit_title"] = unit.Title() if unit is not None else None
    else:
        result = stored(file=file)
    result["hire_date"] = getattr(file, "hire_date", None)
    return result


def stored(*, file):
    """The career values stored on the file now (``rules.FILE_FIELDS``, the
    unit as its UID, ``unit_title`` and ``corps``).

    :param file: a personnel file.
    :returns: dict.
    """
    unit, unit_title = unit_of(getattr(file, "unit", None))
    result = {name: getattr(file, name, None) for name in rules.FILE_FIELDS}
    result.update(unit=unit, unit_title=unit_title, corps=getattr(file, "corps", None))
    return result


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


# the state an act filed as the system is put in -> the history's action
SYSTEM_STATES = {"validated": "validate", "pending": "submit"}


def free_id(file, base):
    """``base``, or ``base-2``... when taken in ``file``: chosen before
    creating, so an act is not created under a temporary id and renamed (a
    rename is an uncatalog and a reindex per act, on every file of an
    upgrade)."""
    taken = set(file.objectIds())
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    return name


def add_act_as_system(*, file, id, actor, comment, state="validated", **fields):
    """File, as the system, a career act already in ``state``: ``validated``
    when another step's four eyes covered it (a file's validation, a
    training session closed by a second person), ``pending`` when a
    reviewer must validate it (a retirement proposed on its date). No
    transition event: nothing is re-derived until a real transition.

    :param file: a personnel file.
    :param id: the act's wished id in the file (``free_id`` makes it free).
    :param actor: who the workflow history names.
    :param comment: the history's comment.
    :param state: ``validated`` or ``pending`` (``SYSTEM_STATES``).
    :param fields: the act's fields (``event_type``, ``event_date``...).
    :returns: the act.
    """
    with api.env.adopt_roles(["Manager"]):
        act = api.content.create(
            container=file, type="CareerEvent", id=free_id(file, id), **fields
        )
        wftool = api.portal.get_tool("portal_workflow")
        wftool.setStatusOf(
            RECORD_WORKFLOW,
            act,
            {
                "action": SYSTEM_STATES[state],
                "actor": actor,
                "review_state": state,
                "comments": comment,
                "time": DateTime(),
            },
        )
        wftool[RECORD_WORKFLOW].updateRoleMappingsFor(act)
        act.reindexObject()
    return act
