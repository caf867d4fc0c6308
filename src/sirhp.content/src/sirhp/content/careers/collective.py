"""Collective acts: one decision (arrêté de promotion, décision de
mutation) for many officers files one career act per officer, all or
nothing. The statute mapping of the référentiels files its acts the same
way (``file_acts``).

The acts of one decision are a batch: each carries the decision's id
(``collective_decision``, catalog index) and shares its one scan; the batch
is read, submitted and validated together (``collective_batch``). Bulk
path: no initial version (the history starts with the batch's
transitions), no "file modified" cascade (``base.bulk.add_quietly``: a
draft act does not change its file), each act indexed once; over ZEO or
RelStorage the files are asked for in a few requests (``base.prefetch``),
not one per object.
"""

from datetime import date
from plone import api
from plone.namedfile.file import NamedBlobFile
from sirhp.content import _
from sirhp.content.base.bulk import add_quietly
from sirhp.content.base.prefetch import prefetch_files
from sirhp.content.careers.api import CareerError
from sirhp.content.careers.collective_select import MAX_FILES  # noqa: F401 (API)
from sirhp.content.careers.collective_select import officers
from sirhp.content.careers.collective_select import unit_relations
from sirhp.content.careers.rules import parse_day
from sirhp.content.content.versioning import without_initial_versions
from sirhp.content.documents.api import DocumentError
from sirhp.content.documents.api import normalise_file
from sirhp.content.documents.api import pdf_filename
from sirhp.content.documents.field import max_upload_mb
from sirhp.content.vocabularies.fixed import EVENT_TYPES
import transaction
from typing import NamedTuple
import uuid
from ZODB.POSException import ConflictError
from zope.i18nmessageid import Message

MSG_ACT_FAILED = _(
    "error_collective_act_failed",
    default="Acte impossible pour le dossier « ${file} » : rien n'a été enregistré.",
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
MSG_SCAN = _("error_collective_scan", default="Décision numérisée refusée : ${reason}")
EVENT_CODES = frozenset(code for code, _label in EVENT_TYPES)
RESULT_FIELDS = (
    "resulting_grade",
    "resulting_echelon",
    "resulting_status",
    "resulting_position",
    "resulting_unit",  # a unit's UID
)


class CollectiveDecision(NamedTuple):
    """What ``collective_act`` filed: the decision's id and its acts."""

    id: str
    acts: list


def new_decision_id():
    """A fresh, unguessable decision id (``collective_decision`` index)."""
    return uuid.uuid4().hex


def decision_scan(filename, data):
    """The decision's scan, checked by the documents' one file check and
    stored as a PDF: ONE blob, referenced by every act of the decision.

    :param filename: the uploaded file's name.
    :param data: its bytes.
    :returns: a ``NamedBlobFile``.
    :raises CareerError: the French reason of the refusal (``scan``).
    """
    try:
        stored = normalise_file(data, max_upload_mb())
    except DocumentError as error:
        raise CareerError(
            Message(MSG_SCAN, mapping={"reason": error.text()}), field="scan"
        ) from None
    return NamedBlobFile(
        data=stored.data,
        contentType=stored.content_type,
        filename=pdf_filename(filename, fallback="decision-collective"),
    )


def file_acts(
    *,
    acts,
    event_type,
    event_date,
    reference,
    act_id="acte",
    decision=None,
    scan=None,
):
    """File one ``CareerEvent`` per ``(file, values)`` of ``acts``, as the
    current user (the add permission of each file applies). All or nothing:
    the first refusal rolls every act back. Bulk path: no initial version,
    each file's other records left alone, each act indexed once.

    :param acts: ``[(file, {field: value})]``.
    :param event_type: a code of ``sirhp.content.event_types``.
    :param event_date: the date of effect.
    :param reference: the decision's reference.
    :param act_id: the acts' id in their file (made unique).
    :param decision: the collective decision's id the acts carry.
    :param scan: the decision's scan (one ``NamedBlobFile``, shared).
    :returns: the acts filed.
    :raises CareerError: a file refused its act (named); nothing filed.
    """
    fti = api.portal.get_tool("portal_types").getTypeInfo("CareerEvent")
    savepoint = transaction.savepoint()
    filed = []
    with without_initial_versions():
        for file, values in acts:
            try:
                if not fti.isConstructionAllowed(file):
                    raise PermissionError(file.getId())
                act = add_quietly(
                    file,
                    "CareerEvent",
                    name=act_id,
                    event_type=event_type,
                    event_date=event_date,
                    reference=reference or None,
                    scan=scan,
                    collective_decision=decision,
                    **values,
                )
            except ConflictError:
                raise  # the publisher retries the whole request
            except Exception:
                savepoint.rollback()
                raise CareerError(
                    Message(MSG_ACT_FAILED, mapping={"file": file.Title()}),
                    field="files",
                ) from None
            filed.append(act)
    return filed


def collective_act(
    *,
    agency,
    matricules,
    event_type,
    event_date,
    reference,
    values=None,
    scan=None,
    unit=None,
    grade=None,
):
    """One decision for many officers of ``agency``: one act per validated
    file, all or nothing (acts are then submitted and validated as usual).

    :param agency: the agency whose files are concerned.
    :param matricules: the officers' matricules (at most ``MAX_FILES``);
        ``None``: the files of ``unit`` and/or ``grade`` (``officers``).
    :param event_type: a code of ``sirhp.content.event_types``.
    :param event_date: ``date`` or ``YYYY-MM-DD``.
    :param reference: the decision's reference (required).
    :param values: what the act sets (``resulting_grade``...), the same for
        every officer.
    :param scan: the decision's scan (``decision_scan``), stored once.
    :param unit: filter: a unit's UID.
    :param grade: filter: a grade code.
    :returns: a ``CollectiveDecision`` (its id and the acts filed, drafts).
    :raises CareerError: a bad field, an unknown matricule, or a file that
        refused its act; nothing filed.
    """
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
    relation = None
    if values.get("resulting_unit"):
        relation = unit_relations(agency, values["resulting_unit"])
    brains = officers(agency=agency, matricules=matricules, unit=unit, grade=grade)
    prefetch_files(api.portal.get(), [brain.getPath() for brain in brains])
    acts = [
        (
            brain.getObject(),
            dict(values, resulting_unit=relation()) if relation else values,
        )
        for brain in brains
    ]
    decision = new_decision_id()
    filed = file_acts(
        acts=acts,
        event_type=event_type,
        event_date=day,
        reference=reference.strip(),
        decision=decision,
        scan=scan,
    )
    return CollectiveDecision(decision, filed)
