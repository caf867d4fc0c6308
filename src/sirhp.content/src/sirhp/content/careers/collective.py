"""Collective acts: one decision (arrêté de promotion, décision de
mutation) for many officers files one career act per officer, all or
nothing. The statute mapping of the référentiels files its acts the same
way (``file_acts``)."""

from datetime import date
from plone import api
from sirhp.content import _
from sirhp.content.careers.api import CareerError
from sirhp.content.careers.rules import parse_day
from sirhp.content.vocabularies.fixed import EVENT_TYPES
import transaction
from ZODB.POSException import ConflictError
from zope.i18nmessageid import Message

MAX_FILES = 2000
MSG_ACT_FAILED = _(
    "error_collective_act_failed",
    default="Acte impossible pour le dossier « ${file} » : rien n'a été enregistré.",
)
MSG_NO_MATRICULES = _(
    "error_collective_no_matricules",
    default="Indiquez la liste des matricules concernés (${max} au plus).",
)
MSG_UNKNOWN_MATRICULE = _(
    "error_collective_unknown_matricule",
    default="Matricule inconnu dans cette agence ou dossier non validé : ${matricule}.",
)
MSG_EVENT_TYPE = _(
    "error_collective_event_type", default="Nature de l'acte inconnue : ${value}."
)
MSG_DATE = _(
    "error_collective_date",
    default="Date d'effet invalide : indiquez une date au format AAAA-MM-JJ.",
)
MSG_REFERENCE = _(
    "error_collective_reference",
    default="Indiquez la référence de la décision (120 caractères au plus).",
)
EVENT_CODES = frozenset(code for code, _label in EVENT_TYPES)
RESULT_FIELDS = (
    "resulting_grade",
    "resulting_echelon",
    "resulting_status",
    "resulting_position",
)


def file_acts(*, acts, event_type, event_date, reference, act_id="acte"):
    """File one ``CareerEvent`` per ``(file, values)`` of ``acts``, as the
    current user (the add permission of each file applies). All or nothing:
    the first refusal rolls every act back.

    :param acts: ``[(file, {field: value})]``.
    :param event_type: a code of ``sirhp.content.event_types``.
    :param event_date: the date of effect.
    :param reference: the decision's reference.
    :returns: the acts filed.
    :raises CareerError: a file refused its act (named); nothing filed.
    """
    savepoint = transaction.savepoint()
    filed = []
    for file, values in acts:
        try:
            filed.append(
                api.content.create(
                    container=file,
                    type="CareerEvent",
                    event_type=event_type,
                    event_date=event_date,
                    reference=reference or None,
                    safe_id=True,
                    id=act_id,
                    **values,
                )
            )
        except ConflictError:
            raise  # the publisher retries the whole request
        except Exception:
            savepoint.rollback()
            raise CareerError(
                Message(MSG_ACT_FAILED, mapping={"file": file.Title()}), field="files"
            ) from None
    return filed


def collective_act(
    *, agency, matricules, event_type, event_date, reference, values=None
):
    """One decision for many officers of ``agency``: one act per validated
    file, all or nothing (acts are then submitted and validated as usual).

    :param agency: the agency whose files are concerned.
    :param matricules: the officers' matricules (at most ``MAX_FILES``).
    :param event_type: a code of ``sirhp.content.event_types``.
    :param event_date: ``date`` or ``YYYY-MM-DD``.
    :param reference: the decision's reference (required).
    :param values: what the act sets (``resulting_grade``...), the same for
        every officer.
    :returns: the acts filed.
    :raises CareerError: a bad field, an unknown matricule, or a file that
        refused its act; nothing filed.
    """
    if (
        not isinstance(matricules, list)
        or not matricules
        or len(matricules) > MAX_FILES
        or not all(isinstance(m, str) and m for m in matricules)
    ):
        raise CareerError(
            Message(MSG_NO_MATRICULES, mapping={"max": MAX_FILES}), field="matricules"
        )
    if event_type not in EVENT_CODES:
        raise CareerError(
            Message(MSG_EVENT_TYPE, mapping={"value": str(event_type)}),
            field="event_type",
        )
    day = event_date if isinstance(event_date, date) else parse_day(event_date)
    if day is None:
        raise CareerError(MSG_DATE, field="event_date")
    if not isinstance(reference, str) or not reference.strip() or len(reference) > 120:
        raise CareerError(MSG_REFERENCE, field="reference")
    values = {k: v for k, v in (values or {}).items() if k in RESULT_FIELDS}
    brains = api.content.find(
        context=agency,
        portal_type="PersonnelFile",
        review_state="validated",
        matricule=sorted(set(matricules)),
    )
    found = {brain.matricule: brain for brain in brains}
    for matricule in matricules:
        if matricule not in found:
            raise CareerError(
                Message(MSG_UNKNOWN_MATRICULE, mapping={"matricule": matricule}),
                field="matricules",
            )
    acts = [(found[m].getObject(), values) for m in dict.fromkeys(matricules)]
    return file_acts(
        acts=acts, event_type=event_type, event_date=day, reference=reference.strip()
    )
