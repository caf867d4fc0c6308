"""Career metadata: what the situation needs, so that ``@career`` and the
consistency check read no object; the end date of a period act, so that
the daily job (``careers.apply.apply_due``) finds the acts that end.

``career_act`` (acts) and ``career_file`` (files) are small dicts of plain
values (codes, numbers, dates, a unit UID): nothing sensitive. A sanction's
nature is not stored: only its effect (``rules.effective_values``: a mise
à pied suspends for its period), nor a disciplinary act's reference, so
reading the catalog never consults a disciplinary decision (the act's page
and JSON show it, with a consultation reason)."""

from plone.indexer import indexer
from sirhp.content.careers import rules
from sirhp.content.careers.api import unit_of
from sirhp.content.interfaces import ICareerEvent
from sirhp.content.interfaces import IPersonnelFile


@indexer(ICareerEvent)
def career_act(obj):
    act = {
        "type": obj.event_type,
        "date": obj.event_date,
        "end_date": getattr(obj, "end_date", None),
        "grade": getattr(obj, "resulting_grade", None),
        "echelon": getattr(obj, "resulting_echelon", None),
        "unit": unit_of(getattr(obj, "resulting_unit", None))[0],
        "status": getattr(obj, "resulting_status", None),
        "position": getattr(obj, "resulting_position", None),
        "reference": getattr(obj, "reference", None),
        "sanction": getattr(obj, "sanction", None),
        # an exceptional promotion's ground (None: by selection)
        "ground": getattr(obj, "promotion_ground", None),
    }
    act = rules.effective_values(act)
    del act["sanction"]
    if rules.is_disciplinary(act["type"]):
        # the decision's reference is read on the act, with a reason
        act["reference"] = None
    return act


@indexer(IPersonnelFile)
def career_file(obj):
    return {
        "grade": getattr(obj, "grade", None),
        "echelon": getattr(obj, "echelon", None),
        "unit": unit_of(getattr(obj, "unit", None))[0],
        "status": getattr(obj, "status", None),
        "position": getattr(obj, "position", None),
        "grade_date": getattr(obj, "grade_date", None),
        "echelon_date": getattr(obj, "echelon_date", None),
        "hire_date": getattr(obj, "hire_date", None),
    }


@indexer(ICareerEvent)
def event_end_date(obj):
    """The last day of a period act (``None``: an act without end)."""
    return getattr(obj, "end_date", None)


@indexer(ICareerEvent)
def collective_decision(obj):
    """The collective decision (batch) of an act, ``None`` for a single act."""
    return getattr(obj, "collective_decision", None)
