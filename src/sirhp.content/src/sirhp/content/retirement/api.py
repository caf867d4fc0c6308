"""The retirement domain API: who leaves on age limit, when, and the
reminders before; the retirement act the system proposes on the date
(``propose_due``, the daily job). Views and REST services call these
functions.

Lists read catalog metadata only (``retirement_date`` is indexed from the
birth date and the age limit in force, see ``indexers.py``): no object is
woken to draw them.
"""

from datetime import date
import logging
from plone import api
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.errors import SirhpForbidden
from sirhp.content.base.hooks import journal
from sirhp.content.careers.api import add_act_as_system
from sirhp.content.permissions import ViewRetirements
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import rules as referential_rules
from sirhp.content.retirement import rules
from sirhp.content.vocabularies.fixed import DEPARTED_STATUSES
import transaction
from types import SimpleNamespace
from zope.globalrequest import getRequest

logger = logging.getLogger("sirhp.content.retirement")

MSG_FORBIDDEN = _(
    "error_retirement_forbidden",
    default="Vous n'avez pas accès aux départs à la retraite de cette agence.",
)


class RetirementError(SirhpError):
    """A refused retirement query (HTTP 400)."""

    @classmethod
    def refused(cls, pair):
        """The error of a rule's ``(msgid, French default)`` refusal."""
        msgid, default = pair
        return cls(_(msgid, default=default))


def retirement_date_of(*, file, at=None):
    """The retirement date of a personnel file, by age limit.

    :param file: a ``PersonnelFile``.
    :param at: the date whose référentiels apply (default: today).
    :returns: a ``date``, or None without a birth date or an age limit.
    """
    tables = referentials.tables(at=at)
    limit = referential_rules.age_limit(
        tables, getattr(file, "corps", None), getattr(file, "grade", None)
    )
    return rules.retirement_date(getattr(file, "birth_date", None), limit)


def _check_agency(agency):
    if not api.user.has_permission(ViewRetirements, obj=agency):
        raise SirhpForbidden(MSG_FORBIDDEN)


def _rows(agency, first, last):
    """Files of ``agency`` still in service whose retirement date is between
    ``first`` and ``last`` (included), from catalog metadata, soonest first."""
    brains = api.portal.get_tool("portal_catalog")(
        portal_type="PersonnelFile",
        path="/".join(agency.getPhysicalPath()),
        retirement_date={"query": (first, last), "range": "min:max"},
        personnel_status={"not": sorted(DEPARTED_STATUSES)},
        sort_on="retirement_date",
    )
    return [
        {
            "url": brain.getURL(),
            "uid": brain.UID,
            "title": brain.Title,
            "matricule": brain.matricule,
            "corps": brain.corps,
            "grade": brain.grade,
            "region": brain.region,
            "unit": brain.unit,
            "unit_title": brain.unit_title,
            "retirement_date": brain.retirement_date,
        }
        for brain in brains
        if brain.retirement_date is not None
    ]


def retirements(*, agency, start, end):
    """Officers of ``agency`` who reach their age limit from 1 January of
    ``start`` to 31 December of ``end``.

    :param agency: an ``Agency``.
    :param start: first year (int or four-digit text).
    :param end: last year (int or four-digit text).
    :returns: list of dicts (``title``, ``matricule``, ``grade``, ``region``,
        ``unit_title``, ``retirement_date``...), soonest first.
    :raises RetirementError: bad years (400).
    :raises SirhpForbidden: without ``sirhp: View retirements`` (403).
    """
    _check_agency(agency)
    years, refusal = rules.year_range(start, end)
    if refusal:
        raise RetirementError.refused(refusal)
    return _rows(agency, date(years[0], 1, 1), date(years[1], 12, 31))


def projection(*, agency, years=5, today):
    """Retirements of ``agency`` counted per calendar year from ``today``'s
    year, per grade and region (``rules.projection``).

    :param agency: an ``Agency``.
    :param years: how many years (1 to 50).
    :param today: the reference date.
    :returns: the dict of ``rules.projection``.
    :raises RetirementError: a bad number of years (400).
    :raises SirhpForbidden: without ``sirhp: View retirements`` (403).
    """
    _check_agency(agency)
    if not isinstance(years, int) or not 1 <= years <= rules.MAX_SPAN:
        raise RetirementError.refused(rules.MSG_BAD_RANGE)
    start = today.year
    rows = _rows(agency, date(start, 1, 1), date(start + years - 1, 12, 31))
    return rules.projection(rows, start, years)


def reminders(*, agency, today):
    """Officers of ``agency`` retiring within 12 months after ``today``,
    with the reminder reached (12 or 6 months before).

    :param agency: an ``Agency``.
    :param today: the reference date.
    :returns: list of dicts (those of ``retirements`` plus ``months`` and
        ``reminder_date``), soonest first.
    :raises SirhpForbidden: without ``sirhp: View retirements`` (403).
    """
    _check_agency(agency)
    last = rules.months_before(today, -rules.REMINDER_MONTHS[0])
    return rules.reminders(_rows(agency, today, last), today)


BATCH = 1000


def reindex_retirement_dates(*, today=None):
    """Index and store as metadata the retirement date of every file, with
    the age limits in force ``today``: after an upgrade, and when a version
    of the référentiels comes into force. Each file is loaded once (the
    birth date is not in the catalog); only this index and column are
    written, with a savepoint every ``BATCH`` files.

    :param today: the reference day (default: today).
    :returns: how many files were indexed.
    """
    catalog = api.portal.get_tool("portal_catalog")
    if "retirement_date" not in catalog.schema():
        catalog.addColumn("retirement_date")
    tables = referentials.tables(at=today or date.today())
    index = catalog._catalog.getIndex("retirement_date")
    position = catalog._catalog.schema["retirement_date"]
    data = catalog._catalog.data
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="PersonnelFile"):
        file = brain._unrestrictedGetObject()
        limit = referential_rules.age_limit(tables, brain.corps, brain.grade)
        value = rules.retirement_date(getattr(file, "birth_date", None), limit)
        rid = brain.getRID()
        index.index_object(rid, SimpleNamespace(retirement_date=value))
        record = list(data[rid])
        record[position] = value
        data[rid] = tuple(record)
        count += 1
        if count % BATCH == 0:
            transaction.savepoint(optimistic=True)
    return count


def referentials_in_force(event):
    """Versions of the référentiels came into force (``apply_due``, out of
    any user request): the age limits may have changed, retirement dates
    are recomputed with the tables in force on that day."""
    event.results["retirement_dates"] = reindex_retirement_dates(today=event.today)


# The act the system proposes on the retirement date (``propose_due``).
PROPOSED = "careers.retirement_proposed"  # the journal's action
PROPOSAL_REFERENCE = "Admission à la retraite (limite d'âge) — proposée par SIRHP"
RETIRED = "retired"
# The submitter recorded in the act's history: no user bears this id, so
# any reviewer of the file may validate it (four eyes: not one's own
# submission, ``sirhp.policy.workflow.guards.may_validate``).
SYSTEM_ACTOR = "sirhp-system"


def _has_retirement_act(catalog, file_path):
    """Does the file hold a retirement act, in any state? The record
    workflow has no "rejected" state: a rejected act returns to draft to be
    corrected, and still counts (no second act beside it)."""
    return bool(
        catalog.unrestrictedSearchResults(
            portal_type="CareerEvent",
            event_type="retirement",
            path={"query": file_path, "depth": 1},
        )
    )


def propose_due(*, today=None):
    """Propose, as the system, the retirement act of every validated file
    whose retirement date (age limit) is on or before ``today``, whose
    officer is still in service (status not departed) and which holds no
    retirement act yet. The act is dated the retirement date, sets the
    status ``retired``, and waits in ``pending`` for a reviewer; once
    validated, the validated acts write the file (``careers.apply``) and the
    departure revokes the badge. Catalog only; journaled
    (``careers.retirement_proposed``); re-runnable (a second run proposes
    nothing new). Not reachable by a user request (the daily job).

    :param today: a ``date`` (default: today).
    :returns: the acts proposed (``CareerEvent``), soonest date first.
    """
    today = today or date.today()
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile",
        review_state="validated",
        retirement_date={"query": today, "range": "max"},
        personnel_status={"not": sorted(DEPARTED_STATUSES)},
        sort_on="retirement_date",
    )
    proposed = []
    for brain in brains:
        if brain.retirement_date is None:
            continue
        if _has_retirement_act(catalog, brain.getPath()):
            continue
        file = brain._unrestrictedGetObject()
        # a reviewer validates it as any submitted act
        act = add_act_as_system(
            file=file,
            id=f"retraite-{brain.retirement_date.isoformat()}",
            actor=SYSTEM_ACTOR,
            comment=PROPOSAL_REFERENCE,
            state="pending",
            event_type="retirement",
            event_date=brain.retirement_date,
            reference=PROPOSAL_REFERENCE,
            resulting_status=RETIRED,
        )
        with api.env.adopt_roles(["Manager"]):
            act.setCreators((SYSTEM_ACTOR,))
            act.reindexObject(idxs=["Creator"])
        detail = f"{PROPOSAL_REFERENCE} : {brain.retirement_date.isoformat()}"
        journal(PROPOSED, obj=file, request=getRequest(), detail=detail)
        logger.info("%s: %s", brain.getPath(), detail)
        proposed.append(act)
    return proposed
