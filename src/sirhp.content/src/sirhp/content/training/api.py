"""Training: nominations, results, closing into career acts, coverage (the
domain API).

Used by the pages and services of SIRHP and by the training workflow's
guards and handlers (``sirhp.policy.training.workflow``). Every rule of a
session is checked here, once: who may change it (``sirhp: Manage
training``, granted per state by ``sirhp_training_workflow``: planned
sessions only), the seats (``rules.session_room``), the results
(``rules.check_result``), four eyes on closing (``may_close``). Refusals
raise ``TrainingError`` (HTTP 400) with an i18n message; nothing is stored
then.
"""

from AccessControl import Unauthorized
from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import date
from plone import api
from sirhp.content import _
from sirhp.content.base import hooks
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.number_rules import decimal_text
from sirhp.content.base.number_rules import typed
from sirhp.content.careers.api import add_act_as_system
from sirhp.content.evaluation.rules import to_decimal
from sirhp.content.interfaces import IAgency
from sirhp.content.interfaces import IPersonnelFile
from sirhp.content.permissions import ManageTraining
from sirhp.content.training import rules
from zope.globalrequest import getRequest
from zope.i18nmessageid import Message

SYSTEM_ACTOR = "sirhp-system"
PLANNED = "planned"
CLOSED = "closed"

MSG_NOT_PLANNED = _(
    "error_training_not_planned",
    default="Cette session n'est plus modifiable (résultats enregistrés ou "
    "session close).",
)
MSG_NOT_A_FILE = _(
    "error_training_not_a_file", default="Dossier inconnu dans cette agence."
)
MSG_FILE_NOT_VALIDATED = _(
    "error_training_file_not_validated",
    default="Seul un agent au dossier validé peut être désigné.",
)
MSG_ALREADY = _(
    "error_training_already_nominated", default="Cet agent est déjà désigné."
)
MSG_NOT_NOMINATED = _(
    "error_training_not_nominated", default="Cet agent n'est pas désigné."
)
MSG_FULL = _(
    "error_training_full",
    default="Session complète : ${capacity} place(s).",
)
MSG_NO_COURSE = _(
    "error_training_no_course",
    default="Aucune formation « ${code} » au catalogue de l'agence.",
)
MSG_RESULT = {
    rules.UNKNOWN_RESULT: _(
        "error_training_unknown_result",
        default="Résultat attendu : réussi, échoué ou absent.",
    ),
    rules.SCORE_FOR_ABSENT: _(
        "error_training_score_for_absent", default="Un absent n'a pas de note."
    ),
    rules.SCORE_NOT_A_NUMBER: _(
        "error_training_score_not_a_number", default="La note doit être un nombre."
    ),
    rules.SCORE_OUT_OF_RANGE: _(
        "error_training_score_out_of_range",
        default="La note est comprise entre 0 et 20.",
    ),
    rules.SCORE_TOO_PRECISE: _(
        "error_training_score_too_precise",
        default="La note a au plus deux décimales.",
    ),
}
MSG_BAD_QUERY = _(
    "error_training_coverage_query",
    default="Indiquez une formation (course=CODE) ou un domaine (domain=CODE).",
)


class TrainingError(SirhpError):
    """A refused training operation (HTTP 400); nothing is stored."""


def agency_of(obj):
    """The Agency holding ``obj`` (or None)."""
    while obj is not None and not IAgency.providedBy(obj):
        obj = aq_parent(aq_inner(obj)) if hasattr(obj, "aq_parent") else None
    return obj


def courses(*, agency, domain=None):
    """The catalogue of ``agency`` (every course, whatever the caller may
    see: sessions need their course's hours and certificate).

    :param agency: an Agency.
    :param domain: keep the courses of that domain only.
    :returns: {code: TrainingCourse}.
    """
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="TrainingCourse", path="/".join(agency.getPhysicalPath())
    )
    found = {}
    for brain in brains:
        course = brain._unrestrictedGetObject()
        if domain is None or course.domain == domain:
            found[course.code] = course
    return found


def course_of(session):
    """The course a session gives.

    :raises TrainingError: no course of that code in the agency.
    """
    course = courses(agency=agency_of(session)).get(session.course_code)
    if course is None:
        mapping = {"code": session.course_code}
        raise TrainingError(Message(MSG_NO_COURSE, mapping=mapping), "course_code")
    return course


def _check_manage(session):
    if not api.user.has_permission(ManageTraining, obj=session):
        raise Unauthorized(ManageTraining)
    if api.content.get_state(session, default=None) != PLANNED:
        raise TrainingError(MSG_NOT_PLANNED)


def _file(session, file):
    """A file of the session's agency, from the file or its UID."""
    if isinstance(file, str):
        brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            UID=file, portal_type="PersonnelFile"
        )
        file = brains[0]._unrestrictedGetObject() if brains else None
    agency = agency_of(session)
    if (
        file is None
        or not IPersonnelFile.providedBy(file)
        or agency_of(file) is None
        or agency_of(file).getId() != agency.getId()
    ):
        raise TrainingError(MSG_NOT_A_FILE, "file")
    return file


def _current_user():
    return api.user.get_current().getId()


def nominate(*, session, file):
    """Nominate the officer of ``file`` to ``session``, within its seats.

    :param session: a planned TrainingSession.
    :param file: a validated personnel file of the same agency (or its UID).
    :returns: the participant's entry.
    :raises Unauthorized: no ``sirhp: Manage training`` on the session.
    :raises TrainingError: session not planned, unknown or unvalidated file,
        already nominated, no seat left.
    """
    _check_manage(session)
    file = _file(session, file)
    if api.content.get_state(file, default=None) != "validated":
        raise TrainingError(MSG_FILE_NOT_VALIDATED, "file")
    participants = session.participants or {}
    if file.UID() in participants:
        raise TrainingError(MSG_ALREADY, "file")
    room = rules.session_room(session.capacity, len(participants) + 1)
    if room["refusal"]:
        mapping = {"capacity": session.capacity}
        raise TrainingError(Message(MSG_FULL, mapping=mapping), "file")
    entry = {"result": None, "score": None, "nominated_by": _current_user()}
    session._writable_participants()[file.UID()] = entry
    return entry


def withdraw(*, session, file):
    """Take the officer of ``file`` off a planned session.

    :raises Unauthorized: no ``sirhp: Manage training`` on the session.
    :raises TrainingError: session not planned, officer not nominated.
    """
    _check_manage(session)
    uid = file if isinstance(file, str) else file.UID()
    if uid not in (session.participants or {}):
        raise TrainingError(MSG_NOT_NOMINATED, "file")
    del session.participants[uid]


def record_result(*, session, file, result, score=None):
    """Record the result of a participant (the one who does is remembered:
    he or she may not close the session).

    :param session: a planned TrainingSession.
    :param file: a nominated officer's file (or its UID).
    :param result: ``passed``, ``failed`` or ``absent``.
    :param score: optional, out of 20, at most 2 decimals (a number, or its
        text with a point or a French decimal comma: "14,5"); an absent
        participant has none.
    :returns: the participant's entry.
    :raises Unauthorized: no ``sirhp: Manage training`` on the session.
    :raises TrainingError: session not planned, officer not nominated, bad
        result or score.
    """
    _check_manage(session)
    uid = file if isinstance(file, str) else file.UID()
    participants = session.participants or {}
    if uid not in participants:
        raise TrainingError(MSG_NOT_NOMINATED, "file")
    if isinstance(score, str):
        score = typed(score)
    if score in ("", None):
        score = None
    refusal = rules.check_result(result, score)
    if refusal:
        raise TrainingError(
            MSG_RESULT[refusal], "score" if "score" in refusal else "result"
        )
    entry = dict(participants[uid])
    entry.update(result=result, score=None if score is None else str(to_decimal(score)))
    participants[uid] = entry
    remember_recorder(session, _current_user())
    return entry


def remember_recorder(session, user_id):
    """Add ``user_id`` to the session's recorders (four eyes on closing)."""
    if user_id and user_id not in session.recorders:
        session.recorders = (*session.recorders, user_id)


def complete(session):
    """Has every participant a result (and is there one at least)?"""
    participants = session.participants or {}
    return bool(participants) and all(e["result"] for e in participants.values())


def may_close(session, user_id=None):
    """Four eyes: nobody who entered results or recorded them closes."""
    return (user_id or _current_user()) not in session.recorders


def close(*, session, today):
    """What closing ``session`` does (the workflow's ``close``, fired by a
    second person, calls it): a validated career act of type ``training``
    in the file of each participant who passed, and the expiry of their
    certificate when the course gives one (``rules.certificate_expiry``).
    Re-runnable: a file holding the act already is skipped. Journaled.

    :param session: a TrainingSession.
    :param today: the day of closing (certificates run from the session's
        last day).
    :returns: the acts filed.
    """
    course = course_of(session)
    passed_on = session.end or today
    certificates = dict(session.certificates or {})
    acts = []
    for uid, entry in (session.participants or {}).items():
        if entry["result"] != rules.PASSED:
            continue
        file = _file(session, uid)
        act_id = f"formation-{session.getId()}"
        if course.certificate:
            certificates[uid] = rules.certificate_expiry(
                passed_on, course.certificate_years
            )
        if act_id in file.objectIds():
            continue
        # the act is written in French: "note 14,5/20"
        score = f", note {decimal_text(entry['score'])}/20" if entry["score"] else ""
        acts.append(
            add_act_as_system(
                file=file,
                id=act_id,
                actor=SYSTEM_ACTOR,
                comment=session.Title(),
                event_type="training",
                event_date=passed_on,
                # the course code: promotion rules require trainings by code
                reference=course.code,
                details=f"{session.Title()} : {course.title} ({course.code}), "
                f"{course.hours} h{score}",
            )
        )
    session.certificates = certificates
    hooks.journal(
        "training.closed",
        obj=session,
        request=getRequest(),
        detail=f"{len(acts)} acte(s)",
    )
    return acts


def trainings_of(*, file, at):
    """The trainings of the officer of ``file`` (its validated training acts)
    and certificates, each certificate's state on ``at``.

    :param file: a personnel file.
    :param at: a ``date``.
    :returns: [{"title" (the course's), "code", "date", "details",
        "certificate", "expiry", "state", "session"}], latest first; ``certificate`` False when the
        course gives none (``expiry`` and ``state`` None then); ``session``
        the session's id in the agency.
    """
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="CareerEvent",
        event_type="training",
        review_state="validated",
        path={"query": "/".join(file.getPhysicalPath()), "depth": 1},
    )
    if not brains:
        return []
    agency = agency_of(file)
    # only the sessions these acts come from (an agency holds years of them)
    ids = [brain.getId.removeprefix("formation-") for brain in brains]
    sessions = sessions_by_id(agency, getId=ids)
    catalogue = courses(agency=agency) if agency is not None else {}
    titles = {code: course.title for code, course in catalogue.items()}
    uid = file.UID()
    found = []
    for brain in brains:
        act = brain._unrestrictedGetObject()
        session_id = brain.getId.removeprefix("formation-")
        session = sessions.get(session_id)
        certified = session is not None and uid in (session.certificates or {})
        expiry = session.certificates[uid] if certified else None
        found.append(
            {
                # the act's reference is the course code
                "title": titles.get(act.reference) or act.reference or "",
                "code": act.reference or "",
                "date": act.event_date,
                "details": act.details or "",
                "certificate": certified,
                "expiry": expiry,
                "state": rules.certificate_state(expiry, at) if certified else None,
                "session": session_id,
            }
        )
    return sorted(found, key=lambda row: row["date"] or date.min, reverse=True)


def sessions_by_id(agency, **query):
    if agency is None:
        return {}
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="TrainingSession",
        path="/".join(agency.getPhysicalPath()),
        **query,
    )
    return {brain.getId: brain._unrestrictedGetObject() for brain in brains}
