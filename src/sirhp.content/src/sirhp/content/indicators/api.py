"""The reform's dashboard (tableau de bord): every figure computed from the
catalog and the career acts on the day asked, never from a stored counter.

``indicators(context=..., at=...)`` answers the same figures to the page,
its XLSX exports and ``@indicators`` (``figures.py``). Staff: the validated
files the reader may see (``searchResults``: the catalog's
``allowedRolesAndUsers`` keeps a commander to his units' files) of the
agencies covered, in service on ``at`` (``rules.in_service``: hired, not past
the age limit, not departed on that day by a validated act). Bulk: catalog
metadata (``base.catalog.records``) and the ``birth_date`` index, never an
object per file.

Cache: a RAM cache keyed on the agencies' paths, ``at``, the reader's scope
key (the ``allowedRolesAndUsers`` values the catalog filters the reader's
searches with: same key, same files found) and the catalog's counter (any
indexing changes it, so a change is seen at the next request).
"""

from datetime import date
from plone import api
from plone.memoize import ram
from sirhp.content import _
from sirhp.content.base.catalog import records
from sirhp.content.base.catalog import units_below
from sirhp.content.base.errors import SirhpError
from sirhp.content.content.records import term_title
from sirhp.content.evaluation.opening import evaluation_id
from sirhp.content.indicators import figures
from sirhp.content.indicators import rules
from sirhp.content.leave import api as leave
from sirhp.content.permissions import ViewIndicators
from sirhp.content.recruitment import results as recruitment_results
from sirhp.content.training import rules as training_rules
from sirhp.content.training.api import courses
from sirhp.content.training.coverage import trained_in
from sirhp.content.vocabularies.units import find_agency
from zope.i18n import translate

FILE_COLUMNS = (
    "UID",
    "agency",
    "region",
    "unit_title",
    "corps",
    "grade",
    "sex",
    "personnel_status",
    "hire_date",
    "retirement_date",
)
BIRTH_DATE = "birth_date"  # an index, never metadata
DEPARTURE_ACTS = ("retirement", "resignation", "dismissal", "death")
MSG_BAD_DATE = _(rules.MSG_BAD_DATE[0], default=rules.MSG_BAD_DATE[1])
MSG_UNKNOWN = _("indicators_unknown_group", default="non renseigné")


class IndicatorsError(SirhpError):
    """A refused dashboard request (HTTP 400)."""


def parse_at(text):
    """The day asked for.

    :param text: ``YYYY-MM-DD`` (or a ``date``).
    :returns: a ``date``.
    :raises IndicatorsError: not an ISO day between 1960 and 2100.
    """
    if isinstance(text, date):
        return text
    day, refusal = rules.parse_at(text)
    if refusal:
        raise IndicatorsError(MSG_BAD_DATE, "at")
    return day


def agencies(*, context):
    """The agencies a dashboard on ``context`` covers: the agency itself
    (a unit's: its agency), or on the portal every agency where the user
    may view indicators."""
    if getattr(context, "portal_type", None) == "Agency":
        return [context]
    if getattr(context, "portal_type", None) == "Unit":
        return [find_agency(context)]
    catalog = api.portal.get_tool("portal_catalog")
    return [
        agency
        for agency in (
            brain.getObject()
            for brain in catalog(portal_type="Agency", sort_on="sortable_title")
        )
        if api.user.has_permission(ViewIndicators, obj=agency)
    ]


def scope_key():
    """What the catalog filters the current user's searches with (his roles,
    groups and id): two readers with the same key see the same files."""
    catalog = api.portal.get_tool("portal_catalog")
    user = api.user.get_current()
    return tuple(sorted(catalog._listAllowedRolesAndUsers(user)))


def recruitment_by_region(agency, at):
    """Candidates, admitted and quota by region of the campaigns of
    ``agency`` running on ``at`` (else its latest published one):
    ``[{"group", "candidates", "admitted", "quota"}]`` (the recruitment
    domain's count: ``recruitment.results.by_region``)."""
    return recruitment_results.by_region(agency, at)


def _departures(catalog, paths):
    """{file path: the earliest date of its validated departure acts}."""
    found = catalog.unrestrictedSearchResults(
        portal_type="CareerEvent",
        review_state="validated",
        event_type=list(DEPARTURE_ACTS),
        path=paths,
        show_inactive=True,
    )
    result = {}
    for path, values in records(found, catalog, ("career_act",)):
        day = (values["career_act"] or {}).get("date")
        file_path = path.rpartition("/")[0]
        if day is not None and (file_path not in result or day < result[file_path]):
            result[file_path] = day
    return result


def staff(*, covered, at, units=None):
    """The staff in service on ``at`` the current user may see.

    :param covered: agencies.
    :param at: a ``date``.
    :param units: unit UIDs the files must be in (a unit's dashboard: the
        unit and the units inside it); None: the whole agencies.
    :returns: ``[{"path", "UID", "agency", "region", "unit_title", "corps",
        "grade", "sex", "personnel_status", "hire_date", "retirement_date",
        "birth_date"}]``.
    """
    catalog = api.portal.get_tool("portal_catalog")
    paths = ["/".join(agency.getPhysicalPath()) for agency in covered]
    if not paths:
        return []
    query = {"unit": list(units)} if units is not None else {}
    found = catalog.searchResults(
        portal_type="PersonnelFile",
        review_state="validated",
        path=paths,
        show_inactive=True,
        **query,
    )
    births = catalog._catalog.getIndex(BIRTH_DATE)
    rids = catalog._catalog.uids
    departures = _departures(catalog, paths)
    result = []
    for path, values in records(found, catalog, FILE_COLUMNS):
        row = dict(values, path=path)
        row["birth_date"] = births.getEntryForObject(rids[path], None)
        if rules.in_service(row, at, departures.get(path)):
            result.append(row)
    return result


def _training(covered, rows):
    officers = [{"id": row["UID"], "region": row["region"]} for row in rows]
    ids = {row["id"] for row in officers}
    tables, trained_counts = {}, {}
    for domain in figures.PRIORITY_DOMAINS:
        trained = set()
        for agency in covered:
            codes = set(courses(agency=agency, domain=domain))
            trained |= trained_in(agency=agency, codes=codes)
        table = training_rules.coverage(officers, trained, by=("region",))
        tables[domain] = table["region"]
        trained_counts[domain] = len(ids & trained)
    return figures.training_coverage(tables, len(officers), trained_counts)


def _evaluations(covered, rows, at):
    """The latest campaign of each agency (year <= ``at``'s): its
    evaluations of the staff counted, by state."""
    catalog = api.portal.get_tool("portal_catalog")
    files = {row["path"] for row in rows}
    counted, years = {}, []
    for agency in covered:
        campaigns = [
            brain._unrestrictedGetObject()
            for brain in catalog.unrestrictedSearchResults(
                portal_type="EvaluationCampaign",
                path="/".join(agency.getPhysicalPath()),
            )
        ]
        campaigns = [c for c in campaigns if c.year and c.year <= at.year]
        if not campaigns:
            continue
        latest = max(campaigns, key=lambda campaign: campaign.year)
        years.append(latest.year)
        found = catalog.unrestrictedSearchResults(
            portal_type="Evaluation",
            getId=evaluation_id(latest),
            path="/".join(agency.getPhysicalPath()),
        )
        for path, values in records(found, catalog, ("review_state",)):
            if path.rpartition("/")[0] in files:
                state = values["review_state"]
                counted[state] = counted.get(state, 0) + 1
    year = max(years) if years else None
    return figures.evaluation_completion(year, sorted(counted.items()))


def _leave(covered, at, unit=None):
    counted = {}
    for place in [unit] if unit is not None else covered:
        for item in leave.absent(unit_or_agency=place, start=at):
            counted[item["leave_type"]] = counted.get(item["leave_type"], 0) + 1
    return figures.leave_today(sorted(counted.items()))


def compute(*, covered, at, unit=None):
    """Every figure of ``covered`` on ``at``, for the current user (no
    cache: ``indicators`` caches it).

    :param unit: a unit's dashboard: only the files of the unit and of the
        units inside it.
    :returns: a list of figures (``figures.figure``).
    """
    units = units_below(unit) if unit is not None else None
    rows = staff(covered=covered, at=at, units=units)
    recruitment = [r for agency in covered for r in recruitment_by_region(agency, at)]
    return [
        *figures.headcounts(rows),
        figures.women_by_grade(rows),
        figures.age_pyramid(rows, at),
        figures.retirements(rows, at),
        _training(covered, rows),
        figures.recruitment(recruitment),
        _evaluations(covered, rows, at),
        _leave(covered, at, unit),
    ]


def _cache_key(_function, paths, unit, at, scope, counter):
    return (paths, unit, at.isoformat(), scope, counter)


@ram.cache(_cache_key)
def _cached(paths, unit, at, scope, counter):
    portal = api.portal.get()
    covered = [portal.unrestrictedTraverse(path) for path in paths]
    unit = portal.unrestrictedTraverse(unit) if unit else None
    return compute(covered=covered, at=at, unit=unit)


def indicators(*, context, at, request=None):
    """The dashboard of an agency (or of the portal: every agency the user
    may view indicators of) on ``at``, within the user's scope.

    :param context: an Agency, a Unit (its files and its sub-units'; a
        commander's dashboard) or the portal.
    :param at: a ``date`` or ``YYYY-MM-DD``.
    :param request: unused (the answer is request-independent; see
        ``to_json`` for the reader's language).
    :returns: ``{"at", "agencies": [id...], "figures": [figure...]}``.
    :raises IndicatorsError: a bad date (400).
    """
    at = parse_at(at)
    covered = agencies(context=context)
    paths = tuple("/".join(agency.getPhysicalPath()) for agency in covered)
    unit = None
    if getattr(context, "portal_type", None) == "Unit":
        unit = "/".join(context.getPhysicalPath())
    counter = api.portal.get_tool("portal_catalog").getCounter()
    return {
        "at": at,
        "agencies": [agency.getId() for agency in covered],
        "titles": {agency.getId(): agency.Title() for agency in covered},
        "figures": _cached(paths, unit, at, scope_key(), counter),
    }


def _label(figure, group, titles, request):
    if group in (None, ""):
        return translate(MSG_UNKNOWN, context=request)
    labels = figure["labels"]
    if figure["id"] == "headcount_agency":
        return titles.get(group, group)
    if labels and labels.startswith("state:"):
        workflow = api.portal.get_tool("portal_workflow")
        title = workflow.getTitleForStateOnType(group, labels[len("state:") :])
        return translate(title, domain="plone", context=request)
    if labels:
        return translate(term_title(labels, group), context=request)
    return str(group)


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def to_json(report, *, request):
    """The report as the reader sees it (titles and labels in his language,
    dates as ISO text): what REST answers, the page shows and XLSX holds.

    :returns: ``{"at", "agencies", "figures": [{"id", "title", "columns":
        [{"id", "title"}], "rows": [{"group", "label", <column>...}],
        "total", "chart"}]}``.
    """
    result = []
    for figure in report["figures"]:
        rows = [
            {
                **{k: _plain(v) for k, v in row.items()},
                "label": _label(figure, row["group"], report["titles"], request),
            }
            for row in figure["rows"]
        ]
        total = dict(figure["total"])
        total["label"] = translate(total["label"], context=request)
        item = {
            "id": figure["id"],
            "title": translate(figure["title"], context=request),
            "columns": [
                {"id": id, "title": translate(title, context=request)}
                for id, title in figure["columns"]
            ],
            "rows": rows,
            "total": total,
            "chart": figure["chart"],
        }
        if "campaign" in figure:
            item["campaign"] = figure["campaign"]
        result.append(item)
    return {
        "at": report["at"].isoformat(),
        "agencies": report["agencies"],
        "figures": result,
    }
