"""The files of a published concours' admitted candidates: every candidate
of the stored main list becomes a draft personnel file (``admission.admit``,
with the permissions of the caller), once.

Who: the caller needs ``sirhp: Manage recruitment`` on the campaign (the
service's and the page's permission) and ``sirhp: Add PersonnelFile`` in
the agency (``admit`` checks it): HR managers. Recruitment officers do not
get it: the candidates' data is kept apart from staff files, and a file's
creator would read the staff file it made.
"""

from datetime import date
from plone import api
from sirhp.content import _
from sirhp.content.base import hooks
from sirhp.content.recruitment import results as ranked
from sirhp.content.recruitment.admission import admit
from sirhp.content.recruitment.settings import RecruitmentError
from sirhp.content.vocabularies.units import find_agency
from zope.globalrequest import getRequest
from zope.i18nmessageid import Message

# a candidate's attribute: the UID of the file made of it (admitted once)
ADMITTED_FILE = "admitted_file"

MSG_NOT_PUBLISHED = _(
    "error_admissions_not_published",
    default="Les dossiers des admis se créent une fois les résultats publiés.",
)
MSG_BAD_HIRE_DATE = _(
    "error_admissions_hire_date",
    default="Date de recrutement invalide (AAAA-MM-JJ).",
)
MSG_BAD_UNIT = _(
    "error_admissions_unit",
    default="Unité d'affectation introuvable dans l'agence : ${uid}.",
)
MSG_BAD_SESSION = _(
    "error_admissions_session",
    default="Session de formation introuvable : ${uid}.",
)
MSG_SKIPPED = _(
    "admissions_skipped_already",
    default="Déjà admis : dossier ${matricule}.",
)


def _hire_date(value):
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or ""))
    except ValueError:
        raise RecruitmentError(MSG_BAD_HIRE_DATE, field="hire_date") from None


def _find(uid, portal_type, message, field, within=None):
    if not uid:
        return None
    query = {"UID": uid, "portal_type": portal_type}
    if within is not None:
        query["path"] = "/".join(within.getPhysicalPath())
    found = api.content.find(**query)
    if not found:
        raise RecruitmentError(Message(message, mapping={"uid": uid}), field=field)
    return found[0].getObject()


def _file_of(candidate):
    uid = getattr(candidate, ADMITTED_FILE, None)
    if not uid:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(UID=uid):
        return brain
    return None


def create_files(*, campaign, hire_date, unit=None, session=None, request=None):
    """Make every admitted candidate of the published results a draft
    personnel file of the campaign's agency (corps and grade of entry of
    the campaign); a candidate made a file already is skipped.

    :param campaign: the RecruitmentCampaign, in ``published``.
    :param hire_date: the day of recruitment (``date`` or ``YYYY-MM-DD``).
    :param unit: the UID of the unit of first posting (in the agency), or
        None.
    :param session: the UID of a training session (the école de police) to
        nominate the officers to once their files are validated, or None.
    :returns: ``{"created": [{"candidate", "title", "file", "@id",
        "matricule"}], "skipped": [{"candidate", "title", "file",
        "matricule", "reason"}]}``.
    :raises RecruitmentError: the results not published, a bad date, an
        unknown unit or session.
    :raises AdmissionError: a candidate cannot be admitted (its NINA on a
        file of the agency, incoherent dates); nothing is kept (the caller's
        transaction is aborted).
    :raises AdmissionForbidden: the caller may not add files to the agency
        (or nominate to ``session``).
    """
    if api.content.get_state(obj=campaign, default=None) != ranked.PUBLISHED:
        raise RecruitmentError(MSG_NOT_PUBLISHED)
    day = _hire_date(hire_date)
    agency = find_agency(campaign)
    unit = _find(unit, "Unit", MSG_BAD_UNIT, "unit", within=agency)
    session = _find(session, "TrainingSession", MSG_BAD_SESSION, "session")
    request = request if request is not None else getRequest()
    created, skipped = [], []
    for row in ranked.stored(campaign)["main"]:
        candidate = campaign[row["id"]]
        uid = candidate.UID()
        done = _file_of(candidate)
        if done is not None:
            reason = Message(MSG_SKIPPED, mapping={"matricule": done.matricule})
            skipped.append(
                {
                    "candidate": uid,
                    "title": candidate.Title(),
                    "file": done.UID,
                    "matricule": done.matricule,
                    "reason": RecruitmentError(reason).text(request),
                }
            )
            continue
        file = admit(
            agency=agency,
            candidate=candidate,
            unit=unit,
            hire_date=day,
            corps=campaign.corps,
            grade=campaign.grade,
            session=session,
        )
        setattr(candidate, ADMITTED_FILE, file.UID())
        created.append(
            {
                "candidate": uid,
                "title": candidate.Title(),
                "file": file.UID(),
                "@id": file.absolute_url(),
                "matricule": file.matricule,
            }
        )
    hooks.journal(
        "recruitment.admissions",
        obj=campaign,
        request=request,
        detail=f"{len(created)} dossier(s) créé(s), {len(skipped)} déjà admis",
    )
    return {"created": created, "skipped": skipped}
