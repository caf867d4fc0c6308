"""Admission: an admitted candidate of a concours becomes a draft personnel
file of the agency (the domain API of the step after the results).

The file is created as the current user, through the agency's add
permission (a records clerk or an HR manager), never as a Manager; its
matricule comes from the agency's sequence (``content.matricule_sequence``).
The recruitment act is filed validated, as the system: the results it
restates were published with four eyes, and ``careers.missing`` then has
nothing to rebuild when the file is validated. The diplomas become
documents of the file (same checks as any upload). A training session
chosen at admission is remembered on the file and the officer nominated
when the file is validated (``training.api.nominate`` takes validated files
only).
"""

from AccessControl import Unauthorized
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from sirhp.content import _
from sirhp.content import logger
from sirhp.content.base import hooks
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.errors import SirhpForbidden
from sirhp.content.careers.api import add_act_as_system
from sirhp.content.content.matricule_sequence import next_matricule
from sirhp.content.documents import api as documents
from sirhp.content.domain import personnel
from sirhp.content.permissions import AddPersonnelFile
from sirhp.content.permissions import ManageTraining
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import rules as referential_rules
from sirhp.content.training import api as training
from sirhp.content.training.api import TrainingError
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.intid.interfaces import IIntIds

ACTION = "recruitment.admitted"
DIPLOMA_TYPE = "diplome"
# attribute of a draft file: the UID of the session to nominate it to once
# validated
SESSION = "recruitment_session"

MSG_NO_PERMISSION = _(
    "error_admission_no_permission",
    default="Vous ne pouvez pas créer de dossier individuel dans cette agence.",
)
MSG_NO_TRAINING_PERMISSION = _(
    "error_admission_no_training_permission",
    default="Vous ne pouvez pas inscrire d'agents à cette session de formation.",
)
MSG_NO_NINA = _(
    "error_admission_no_nina",
    default="Le candidat n'a pas de NINA valide : il ne peut pas être admis.",
)
MSG_ALREADY = _(
    "error_admission_already",
    default="Ce candidat est déjà admis : son NINA figure sur le dossier "
    "${matricule} de l'agence.",
)
MSG_GRADE = _(
    "error_admission_grade",
    default="Le grade « ${grade} » n'est pas un grade du corps « ${corps} ».",
)
MSG_CORPS = _(
    "error_admission_corps",
    default="Le corps « ${corps} » n'existe pas dans les référentiels en vigueur.",
)
MSG_DATES = _("error_admission_dates", default="Dates incohérentes : ${problems}")
REFERENCE = _(
    "admission_reference",
    default="Admission au concours « ${campaign} »",
)


class AdmissionError(SirhpError):
    """A refused admission (HTTP 400)."""


class AdmissionForbidden(SirhpForbidden):
    """The user may not admit into this agency or session (HTTP 403)."""


def _current_user_id():
    return api.user.get_current().getId() or "system"


def campaign_title(candidate):
    """The title of the candidate's campaign (its container), else its
    ``campaign_title`` attribute, else empty."""
    parent = aq_parent(aq_inner(candidate)) if hasattr(candidate, "aq_chain") else None
    if parent is not None and hasattr(parent, "Title"):
        return parent.Title()
    return getattr(candidate, "campaign_title", "") or ""


def file_with_nina(*, agency, nina):
    """The matricule of the agency's file carrying ``nina``, or None
    (unrestricted: the admitting clerk is told which file, whatever its
    state).

    :param agency: an Agency.
    :param nina: a NINA.
    """
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile",
        nina=nina,
        path="/".join(agency.getPhysicalPath()),
    ):
        return brain.matricule or brain.getId
    return None


def _grade(corps, grade, at):
    grades = referential_rules.grades_of(referentials.tables(at=at), corps)
    if not grades:
        raise AdmissionError(Message(MSG_CORPS, mapping={"corps": corps}), "corps")
    if grade is None:
        return grades[0]
    if grade not in grades:
        raise AdmissionError(
            Message(MSG_GRADE, mapping={"grade": grade, "corps": corps}), "grade"
        )
    return grade


def _check(agency, candidate, hire_date, session):
    if not api.user.has_permission(AddPersonnelFile, obj=agency):
        raise AdmissionForbidden(MSG_NO_PERMISSION)
    if session is not None and not api.user.has_permission(ManageTraining, obj=session):
        raise AdmissionForbidden(MSG_NO_TRAINING_PERMISSION, "session")
    nina = getattr(candidate, "nina", None)
    if not personnel.is_valid_nina(nina):
        raise AdmissionError(MSG_NO_NINA, "nina")
    taken = file_with_nina(agency=agency, nina=nina)
    if taken is not None:
        raise AdmissionError(Message(MSG_ALREADY, mapping={"matricule": taken}), "nina")
    problems = personnel.date_errors(
        birth_date=getattr(candidate, "birth_date", None),
        hire_date=hire_date,
        today=hire_date,
    )
    if problems:
        mapping = {"problems": " ".join(problems)}
        raise AdmissionError(Message(MSG_DATES, mapping=mapping), "hire_date")


def _first_names(candidate):
    # a Candidate has ``first_names``; callers' plain records ``first_name``
    return getattr(candidate, "first_names", None) or getattr(
        candidate, "first_name", ""
    )


def _diplomas(candidate):
    diplomas = list(getattr(candidate, "diplomas", None) or ())
    diploma = getattr(candidate, "diploma", None)
    return [*diplomas, diploma] if diploma is not None else diplomas


def _relation(obj):
    return RelationValue(getUtility(IIntIds).getId(obj))


def admit(*, agency, candidate, unit=None, hire_date, corps, grade, session=None):
    """Make an admitted candidate a draft personnel file of ``agency``.

    :param agency: the Agency (the user needs ``sirhp: Add PersonnelFile``
        there: records clerks and HR managers of the agency).
    :param candidate: the candidate (``last_name``, ``first_name``,
        ``nina``, ``sex``, ``birth_date``, ``region_of_origin``,
        ``diplomas``: NamedBlobFiles), inside its campaign.
    :param unit: the Unit of first posting, or None.
    :param hire_date: the day of recruitment (date of the act).
    :param corps: the corps code.
    :param grade: the grade of entry (a grade of ``corps``; None: its first).
    :param session: a planned TrainingSession (the école de police) to
        nominate the officer to once the file is validated; the user needs
        ``sirhp: Manage training`` on it.
    :returns: the new draft PersonnelFile (id = matricule).
    :raises AdmissionForbidden: no add permission in the agency, or no
        training permission on ``session``.
    :raises AdmissionError: no valid NINA, NINA already on a file of the
        agency (which one is said), grade not of the corps, incoherent dates.
    :raises MatriculeSequenceError: the agency has no free matricule.
    """
    _check(agency, candidate, hire_date, session)
    grade = _grade(corps, grade, hire_date)
    matricule = next_matricule(agency)
    values = {
        "matricule": matricule,
        "nina": candidate.nina,
        "last_name": candidate.last_name,
        "first_names": _first_names(candidate),
        "sex": candidate.sex,
        "birth_date": candidate.birth_date,
        "region_of_origin": getattr(candidate, "region_of_origin", None),
        "corps": corps,
        "grade": grade,
        "grade_date": hire_date,
        "echelon": 1,
        "echelon_date": hire_date,
        "hire_date": hire_date,
        "status": "active",
    }
    if unit is not None:
        values["unit"] = _relation(unit)
    try:
        file = api.content.create(
            container=agency, type="PersonnelFile", id=matricule, **values
        )
    except Unauthorized:
        raise AdmissionForbidden(MSG_NO_PERMISSION) from None
    campaign = campaign_title(candidate)
    # stored on the act: French, the language of the records
    reference = translate(
        Message(REFERENCE, mapping={"campaign": campaign}), target_language="fr"
    )
    act_values = {"resulting_unit": _relation(unit)} if unit is not None else {}
    add_act_as_system(
        file=file,
        id="recrutement",
        actor=_current_user_id(),
        comment=reference,
        event_type="recruitment",
        event_date=hire_date,
        reference=reference,
        resulting_grade=grade,
        resulting_echelon=1,
        resulting_status="active",
        **act_values,
    )
    diploma_type = DIPLOMA_TYPE if DIPLOMA_TYPE in documents.document_types() else None
    for diploma in _diplomas(candidate):
        documents.file_document(
            file=file,
            document_type=diploma_type,
            data=diploma.data,
            filename=diploma.filename or "diplome.pdf",
            source="upload",
        )
    if session is not None:
        setattr(file, SESSION, session.UID())
    hooks.journal(
        ACTION,
        obj=file,
        request=getRequest(),
        detail=f"{campaign} ; candidat {getattr(candidate, 'id', '')}".strip(),
    )
    return file


def nominate_on_validation(file, event):
    """A file admitted with a training session, entering ``validated``, is
    nominated to it. The HR manager who admitted it held ``sirhp: Manage
    training`` on the session (checked then), so the nomination runs as the
    system; a refusal (session closed or full) is logged and journaled and
    never stops the file's validation."""
    if event.new_state is None or event.new_state.id != "validated":
        return
    uid = getattr(aq_base(file), SESSION, None)
    if not uid:
        return
    session = _unrestricted_get(uid)
    delattr(file, SESSION)
    if session is None:
        return
    with api.env.adopt_roles(["Manager"]):
        try:
            training.nominate(session=session, file=file)
        except TrainingError as error:
            logger.warning("%s not nominated to %s: %s", file.getId(), uid, error)
            hooks.journal(
                "recruitment.nomination_refused",
                obj=file,
                request=getRequest(),
                detail=error.text(),
            )
            return
    hooks.journal("recruitment.nominated", obj=file, request=getRequest(), detail=uid)


def _unrestricted_get(uid):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(UID=uid):
        return brain._unrestrictedGetObject()
    return None
