"""Leave and absences: request, balances, who is absent (the domain API).

Used by the pages and services of SIRHP and by the leave workflow's guards.
Every rule of a leave request is checked here, once, whatever the channel
(page, REST ``@leave``): who may request (``sirhp: Add LeaveRequest``, set
per state of the file by the record workflow: validated files only), the
type, the period, overlaps, the remaining right, the scan. Refusals raise
``LeaveError`` (HTTP 400) with an i18n message; nothing is stored then.
Public holidays are not counted yet (no table): see ``rules``.
"""

from AccessControl import Unauthorized
from datetime import date
from plone import api
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from plone.namedfile.file import NamedBlobFile
from sirhp.content import _
from sirhp.content.base.catalog import paths
from sirhp.content.base.catalog import units_below
from sirhp.content.base.errors import SirhpError
from sirhp.content.content.records import parent_file
from sirhp.content.documents.api import DocumentError
from sirhp.content.documents.api import normalise_file
from sirhp.content.documents.api import pdf_filename
from sirhp.content.interfaces import IAgency
from sirhp.content.leave import rules
from sirhp.content.permissions import AddLeaveRequest
from sirhp.content.referentials.api import tables
from zope.i18nmessageid import Message

MSG_FILE_NOT_VALIDATED = _(
    "error_leave_file_not_validated",
    default="Un congé se demande sur un dossier validé.",
)
MSG_TYPE = _("error_leave_type", default="Type de congé inconnu.")
MSG_DATE = _(
    "error_leave_date",
    default="« ${field} » : date attendue (AAAA-MM-JJ).",
)
MSG_REASON = _("error_leave_reason", default="Un motif est obligatoire.")
MSG_REASON_LONG = _(
    "error_leave_reason_long", default="Le motif dépasse 2 000 caractères."
)
MSG_END_BEFORE_START = _(
    "error_leave_end_before_start",
    default="Le dernier jour précède le premier jour.",
)
MSG_NO_DAYS = _(
    "error_leave_no_days", default="Cette période ne compte aucun jour de congé."
)
MSG_OVERLAP = _(
    "error_leave_overlap",
    default="Cette période chevauche un congé déjà demandé ou approuvé "
    "(du ${start} au ${end}).",
)
MSG_BEYOND_RIGHT = _(
    "error_leave_beyond_right",
    default="Droit dépassé pour ${year} : ${asked} jour(s) demandé(s), "
    "${remaining} restant(s).",
)
MSG_ATTACHMENT = _("error_leave_attachment", default="Pièce justificative : ${reason}")
MSG_YEAR = _("error_leave_year", default="« year » : année attendue (AAAA).")
PERIOD_REFUSALS = {
    rules.END_BEFORE_START: MSG_END_BEFORE_START,
    rules.NO_DAYS: MSG_NO_DAYS,
}


class LeaveError(SirhpError):
    """A refused leave request (HTTP 400); nothing is stored."""


def leave_types(*, at):
    """The leave types of the référentiels in force on ``at``.

    :param at: a ``date``.
    :returns: {code: {"label", "yearly_days", "counting", "restricted_scan"}}.
    """
    return tables(at=at)["leave_types"]


def as_date(value, field):
    """A ``date`` from a ``date`` or an ISO text.

    :raises LeaveError: anything else.
    """
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise LeaveError(Message(MSG_DATE, mapping={"field": field}), field) from None


def as_year(value):
    """A year from ``"2026"`` or 2026.

    :raises LeaveError: anything else.
    """
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise LeaveError(MSG_YEAR, "year") from None
    if not 1900 <= year <= 9999:
        raise LeaveError(MSG_YEAR, "year")
    return year


def leaves_of(file, states=rules.COUNTED_STATES):
    """The leave requests of ``file`` in ``states`` as
    ``[(leave_type, start, end)]``, whatever the caller may see (the rules
    need them all; the caller shows only totals)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="LeaveRequest",
        path={"query": "/".join(file.getPhysicalPath()), "depth": 1},
        review_state=list(states),
    )
    return [
        (brain.leave_type, _day(brain.leave_start), _day(brain.leave_end))
        for brain in brains
        if brain.leave_start and brain.leave_end
    ]


def _day(value):
    """A catalog date (``DateTime`` or ``date``) as a ``date``."""
    if isinstance(value, date):
        return value
    return value.asdatetime().date()


def _attachment(attachment):
    """(filename, bytes) -> the checked scan as a PDF, or None."""
    if not attachment:
        return None
    filename, data = attachment
    try:
        stored = normalise_file(data, rules.ATTACHMENT_MAX_MB)
    except DocumentError as error:
        message = Message(MSG_ATTACHMENT, mapping={"reason": error.message})
        raise LeaveError(message, "attachment") from None
    return NamedBlobFile(
        data=stored.data,
        contentType=stored.content_type,
        filename=pdf_filename(filename, fallback="piece-justificative"),
    )


def _reason(value):
    reason = value.strip() if isinstance(value, str) else ""
    if not reason:
        raise LeaveError(MSG_REASON, "reason")
    if len(reason) > 2000:
        raise LeaveError(MSG_REASON_LONG, "reason")
    return reason


def check_request(*, file, leave_type, start, end):
    """Every rule of a new period of leave on ``file`` (type, period,
    overlap, remaining right).

    :returns: the leave type's entry of the référentiels.
    :raises LeaveError: the first rule broken.
    """
    types = leave_types(at=start)
    if leave_type not in types:
        raise LeaveError(MSG_TYPE, "leave_type")
    entry = types[leave_type]
    refusal = rules.check_period(start, end, entry["counting"])
    if refusal:
        raise LeaveError(PERIOD_REFUSALS[refusal], "end")
    taken = leaves_of(file)
    clash = rules.overlaps(start, end, [(s, e) for _t, s, e in taken])
    if clash:
        s, e = clash[0]
        mapping = {"start": f"{s:%d/%m/%Y}", "end": f"{e:%d/%m/%Y}"}
        raise LeaveError(Message(MSG_OVERLAP, mapping=mapping), "start")
    rights = {
        year: leave_types(at=date(year, 1, 1)).get(leave_type, entry)["yearly_days"]
        for year in rules.years_of(start, end)
    }
    same_type = [(s, e) for t, s, e in taken if t == leave_type]
    beyond = rules.beyond_right(rights, same_type, start, end, entry["counting"])
    if beyond:
        year, remaining, asked = beyond
        mapping = {"year": year, "remaining": remaining, "asked": asked}
        raise LeaveError(Message(MSG_BEYOND_RIGHT, mapping=mapping), "end")
    return entry


def may_request(file):
    """May the current user request leave on ``file`` (a validated file, and
    ``sirhp: Add LeaveRequest``: its officer, the agency's records clerks)?"""
    return api.content.get_state(file, default=None) == "validated" and bool(
        api.user.has_permission(AddLeaveRequest, obj=file)
    )


def request_leave(*, file, leave_type, start, end, reason, attachment=None, today):
    """Request leave for the officer of ``file``: a new ``LeaveRequest`` in
    state ``requested``.

    :param file: a validated personnel file.
    :param leave_type: a code of the référentiels' leave types.
    :param start: first day (``date`` or ISO text).
    :param end: last day, included (``date`` or ISO text).
    :param reason: why (required, 2,000 characters at most).
    :param attachment: optional scan as (filename, bytes): checked as every
        uploaded file, stored as a PDF.
    :param today: the day of the request (rules never read the clock).
    :returns: the new LeaveRequest.
    :raises Unauthorized: no ``sirhp: Add LeaveRequest`` on the file.
    :raises LeaveError: not validated, unknown type, bad dates, overlap with
        a requested or approved leave, beyond the remaining right, bad scan.
    """
    if not api.user.has_permission(AddLeaveRequest, obj=file):
        raise Unauthorized(AddLeaveRequest)
    if api.content.get_state(file, default=None) != "validated":
        raise LeaveError(MSG_FILE_NOT_VALIDATED)
    start = as_date(start, "start")
    end = as_date(end, "end")
    reason = _reason(reason)
    check_request(file=file, leave_type=leave_type, start=start, end=end)
    stored = _attachment(attachment)
    leave = createContent(
        "LeaveRequest",
        leave_type=leave_type,
        start=start,
        end=end,
        reason=reason,
        attachment=stored,
        requested_on=today,
    )
    return addContentToContainer(file, leave, checkConstraints=False)


def balances(*, file, year):
    """The right, days taken (approved and requested) and remaining days of
    each leave type in ``year`` (a leave across 31 December counts in each
    year its days fall in).

    :param file: a personnel file.
    :param year: an int (or its text).
    :returns: [{"leave_type", "label", "counting", "year", "right", "taken",
        "remaining"}], in the order of the référentiels.
    :raises LeaveError: a year that is not one.
    """
    year = as_year(year)
    taken = leaves_of(file)
    result = []
    for code, entry in leave_types(at=date(year, 1, 1)).items():
        periods = [(s, e) for t, s, e in taken if t == code]
        row = rules.balance(entry["yearly_days"], periods, year, entry["counting"])
        row.update(leave_type=code, label=entry["label"], counting=entry["counting"])
        result.append(row)
    return result


def days_of(leave):
    """The days ``leave`` counts (working or calendar days, as its type).

    :returns: an int.
    """
    entry = leave_types(at=leave.start).get(leave.leave_type, {})
    return rules.days(leave.start, leave.end, entry.get("counting", rules.CALENDAR))


def is_requester(leave, user_id=None):
    """Four eyes: is ``user_id`` (default: the current user) the one who
    asked for ``leave`` or the officer it is for?"""
    user_id = user_id or api.user.get_current().getId()
    file = parent_file(leave)
    officer = file.matricule if file is not None else None
    return rules.is_requester(user_id, leave.listCreators(), officer)


def may_cancel(leave, *, today):
    """Only before its first day, by its requester (guard of ``cancel``)."""
    return is_requester(leave) and rules.may_cancel(leave.start, today)


def _period(start, end):
    """``(start, end)`` as dates, ``end`` defaulting to ``start``.

    :raises LeaveError: a bad date.
    """
    start = as_date(start, "date")
    return start, (as_date(end, "date") if end else start)


def _approved_during(start, end):
    """The catalog query of the approved leave sharing at least one day
    with ``start``..``end`` (both included: ``rules.overlaps``)."""
    return {
        "portal_type": "LeaveRequest",
        "review_state": "approved",
        "leave_start": {"query": end, "range": "max"},
        "leave_end": {"query": start, "range": "min"},
    }


def unavailable(*, file, start, end=None):
    """The approved leave of the officer of ``file`` during
    ``start``..``end``: an approved leave marks the officer unavailable for
    deployment for its dates, first and last day included (requested,
    rejected or cancelled leave does not). What deployment will use;
    catalog only, whatever leave the caller may see (deployment needs the
    dates, so the leave type, which may be medical, is not returned).

    :param file: a personnel file.
    :param start: first day (``date`` or ISO text).
    :param end: last day (default: ``start``).
    :returns: [{"start", "end", "uid"}] (``date`` values), soonest first.
    :raises LeaveError: a bad date.
    """
    start, end = _period(start, end)
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        path={"query": "/".join(file.getPhysicalPath()), "depth": 1},
        **_approved_during(start, end),
    )
    periods = [
        {
            "start": _day(brain.leave_start),
            "end": _day(brain.leave_end),
            "uid": brain.UID,
        }
        for brain in brains
    ]
    return sorted(periods, key=lambda period: period["start"])


def absent_files(*, container, start, end=None):
    """Paths of the files of an agency with approved leave during the days,
    whatever leave the caller may see (the staff finder leaves them out)."""
    catalog, where = api.portal.get_tool("portal_catalog"), container.getPhysicalPath()
    query = _approved_during(*_period(start, end))
    results = catalog.unrestrictedSearchResults(path="/".join(where), **query)
    return {path.rsplit("/", 1)[0] for path in paths(results, catalog)}


def is_available(*, file, start, end=None):
    """Is the officer of ``file`` available for deployment on every day of
    ``start``..``end`` (no approved leave overlapping it, see
    ``unavailable``)?

    :param file: a personnel file.
    :param start: first day (``date`` or ISO text).
    :param end: last day (default: ``start``).
    :returns: a bool.
    :raises LeaveError: a bad date.
    """
    return not unavailable(file=file, start=start, end=end)


def absent(*, unit_or_agency, start, end=None):
    """Who is on approved leave on at least one day of ``start``..``end``,
    in an agency or a unit (and the units inside it), among the leave the
    current user may see. Catalog metadata only.

    :param unit_or_agency: an Agency or a Unit; None: every leave the user
        may see (a commander: the files of his or her units).
    :param start: first day (``date`` or ISO text).
    :param end: last day (default: ``start``).
    :returns: [{"matricule", "last_name", "first_names", "leave_type",
        "start", "end", "url"}], by name.
    :raises LeaveError: a bad date.
    """
    start, end = _period(start, end)
    query = _approved_during(start, end)
    if unit_or_agency is None:
        pass
    elif IAgency.providedBy(unit_or_agency):
        query["path"] = "/".join(unit_or_agency.getPhysicalPath())
    else:
        query["unit"] = units_below(unit_or_agency)
    brains = api.portal.get_tool("portal_catalog")(**query)
    items = [
        {
            "matricule": brain.matricule,
            "last_name": brain.last_name,
            "first_names": brain.first_names,
            "leave_type": brain.leave_type,
            "start": _day(brain.leave_start).isoformat(),
            "end": _day(brain.leave_end).isoformat(),
            "url": brain.getURL(),
        }
        for brain in brains
    ]
    return sorted(items, key=lambda item: (item["last_name"] or "", item["matricule"]))
