"""Who a collective decision concerns: the validated files of the agency,
chosen by matricule (a list, or a text of one per line) or by filter (unit
and/or grade, catalog). One selection for the preview and the filing, so
both refuse the same input the same way."""

from plone import api
from plone.app.uuid.utils import uuidToObject
import re
from sirhp.content import _
from sirhp.content.careers.api import CareerError
from sirhp.content.interfaces import IUnit
from sirhp.content.vocabularies.units import find_agency
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.i18nmessageid import Message
from zope.intid.interfaces import IIntIds

MAX_FILES = 2000
MSG_NO_MATRICULES = _(
    "error_collective_no_matricules",
    default="Indiquez la liste des matricules concernés (${max} au plus).",
)
MSG_UNKNOWN_MATRICULE = _(
    "error_collective_unknown_matricule",
    default="Matricule inconnu dans cette agence ou dossier non validé : ${matricule}.",
)
MSG_NO_FILTER = _(
    "error_collective_no_filter",
    default="Choisissez une unité ou un grade, ou donnez la liste des matricules.",
)
MSG_UNIT = _(
    "error_collective_unit",
    default="Unité inconnue dans cette agence.",
)
SEPARATORS = re.compile(r"[\s,;]+")


def split_matricules(text):
    """The matricules of a text (one per line, or separated by commas,
    semicolons or spaces), in order, without repeats."""
    return list(dict.fromkeys(m for m in SEPARATORS.split(text or "") if m))


def agency_unit(agency, uid):
    """The unit ``uid`` of ``agency``; ``CareerError`` otherwise."""
    unit = uuidToObject(uid) if isinstance(uid, str) and uid else None
    if unit is None or not IUnit.providedBy(unit) or find_agency(unit) != agency:
        raise CareerError(MSG_UNIT, field="unit")
    return unit


def unit_relations(agency, uid):
    """A maker of relations to the unit ``uid`` of ``agency``
    (``resulting_unit``): one relation per act, as a relation knows its
    source."""
    unit_id = getUtility(IIntIds).getId(agency_unit(agency, uid))
    return lambda: RelationValue(unit_id)


def officers(*, agency, matricules=None, unit=None, grade=None):
    """The catalog entries of the validated files concerned, by matricule
    (each must be found) or else by unit and/or grade.

    :param agency: the agency whose files are concerned.
    :param matricules: a list of matricules (at most ``MAX_FILES``).
    :param unit: a unit's UID (filter).
    :param grade: a grade code (filter).
    :returns: catalog brains, in the order of ``matricules`` or by name.
    :raises CareerError: no choice, a bad list, an unknown matricule or
        unit, or more than ``MAX_FILES`` files.
    """
    query = {
        "context": agency,
        "portal_type": "PersonnelFile",
        "review_state": "validated",
    }
    if matricules is None and (unit or grade):
        if unit:
            query["unit"] = agency_unit(agency, unit).UID()
        if grade:
            query["grade"] = grade
        brains = list(api.content.find(sort_on="sortable_title", **query))
        if not brains or len(brains) > MAX_FILES:
            raise CareerError(
                Message(MSG_NO_MATRICULES, mapping={"max": MAX_FILES}),
                field="matricules",
            )
        return brains
    if matricules is None:
        raise CareerError(MSG_NO_FILTER, field="matricules")
    if (
        not isinstance(matricules, list)
        or not matricules
        or len(matricules) > MAX_FILES
        or not all(isinstance(m, str) and m for m in matricules)
    ):
        raise CareerError(
            Message(MSG_NO_MATRICULES, mapping={"max": MAX_FILES}), field="matricules"
        )
    found = {
        brain.matricule: brain
        for brain in api.content.find(matricule=sorted(set(matricules)), **query)
    }
    for matricule in matricules:
        if matricule not in found:
            raise CareerError(
                Message(MSG_UNKNOWN_MATRICULE, mapping={"matricule": matricule}),
                field="matricules",
            )
    return [found[m] for m in dict.fromkeys(matricules)]
