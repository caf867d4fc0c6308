"""Fairness of promotion and evaluation: figures per group of officers,
computed from the data at request time (never a stored counter).

Two reports: ``table_report`` (one tableau d'avancement: its candidates
and the commission's decisions) and ``year_report`` (an agency, or every
agency the user may see, for a year: eligibility on the eve of the year, promotions
by selection taking effect in the year, exceptional promotions apart, the
year's validated marks). Bulk: catalog queries and metadata, the marks'
indexes (``evaluation.marks``); the rules are ``fairness.rules``.
"""

from datetime import date
from plone import api
from plone.uuid.interfaces import IUUID
from sirhp.content import _
from sirhp.content.base.catalog import records
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.errors import SirhpNotFound
from sirhp.content.evaluation import marks as evaluation_marks
from sirhp.content.fairness import rules
from sirhp.content.fairness.method import METHOD
from sirhp.content.permissions import ViewFairness
from sirhp.content.promotion import api as promotion
from zope.i18n import translate

# The groupings of officers compared (a row's key: its group)
SEX, REGION, AGENCY, CORPS, EVALUATOR = "sex", "region", "agency", "corps", "evaluator"
GROUPINGS = (SEX, REGION, AGENCY, CORPS)
MARK_GROUPINGS = (SEX, REGION, EVALUATOR)
PROMOTION = "promotion"
TABLE_TYPE = "PromotionTable"
EXCEPTIONAL_GROUNDS = ("bravery", "injury")  # statute, art. 19
FIRST_YEAR, LAST_YEAR = 1960, 2100

MSG_BAD_YEAR = _(
    "fairness_bad_year",
    default="Indiquez l'année sur quatre chiffres (AAAA), entre 1960 et 2100.",
)
MSG_UNKNOWN_TABLE = _("fairness_unknown_table", default="Tableau d'avancement inconnu.")
MSG_TABLE_ELSEWHERE = _(
    "fairness_table_elsewhere",
    default="Ce tableau d'avancement n'est pas consultable ici.",
)


class FairnessError(SirhpError):
    """A refused fairness request (HTTP 400)."""


def parse_year(text):
    """The year asked for.

    :param text: ``YYYY`` (a string or an int).
    :returns: int.
    :raises FairnessError: missing or not a year between 1960 and 2100.
    """
    text = str(text or "").strip()
    if not (len(text) == 4 and text.isdigit()):
        raise FairnessError(MSG_BAD_YEAR, "year")
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FairnessError(MSG_BAD_YEAR, "year")
    return year


def _portal_path():
    return api.portal.get().getPhysicalPath()


def _agency_of(path):
    """The agency id of a content path (its first segment under the portal)."""
    parts = path.split("/") if isinstance(path, str) else list(path)
    depth = len(_portal_path())
    return parts[depth] if len(parts) > depth else None


def _compare(rows, by):
    """``[{"group", "eligible", "promoted", "selection_rate",
    "impact_ratio", "flag", "fisher_p"}]`` by group name."""
    result = []
    for group, figures in rules.selection_rates(rows, by=by).items():
        fisher = rules.group_vs_rest(rows, group, by=by)["p_value"]
        result.append({"group": group, **figures, "fisher_p": fisher})
    return sorted(result, key=lambda g: str(g["group"] or ""))


def _by_group(table):
    return sorted(
        ({"group": group, **figures} for group, figures in table.items()),
        key=lambda g: str(g["group"] or ""),
    )


def _groupings(rows, time_rows=None):
    result = {}
    for by in GROUPINGS:
        result[by] = {"groups": _compare(rows, by)}
        if time_rows is not None:
            result[by]["time_in_grade"] = _by_group(
                rules.median_time_in_grade(time_rows, by=by)
            )
    return result


def find_table(*, context, uid):
    """The tableau d'avancement ``uid`` under ``context``.

    :param context: an agency or the portal.
    :param uid: the table's UID.
    :returns: the table.
    :raises FairnessError: no such table (400).
    :raises SirhpNotFound: a table elsewhere or not visible to the user (404).
    """
    catalog = api.portal.get_tool("portal_catalog")
    if not uid or not catalog.unrestrictedSearchResults(
        UID=uid, portal_type=TABLE_TYPE
    ):
        raise FairnessError(MSG_UNKNOWN_TABLE, "table")
    found = catalog(
        UID=uid, portal_type=TABLE_TYPE, path="/".join(context.getPhysicalPath())
    )
    if not found:
        raise SirhpNotFound(MSG_TABLE_ELSEWHERE, "table")
    return found[0].getObject()


def table_report(*, table):
    """Selection rates of one tableau d'avancement, group by group.

    Eligible: every candidate; promoted: those the commission promoted.
    Time in grade: from each promoted candidate's ``grade_since`` to the
    table's ``effective`` date (else ``decided_on``).

    :param table: a tableau (``candidates``, ``year``, ``target_grade``,
        ``decided_on``, ``effective``).
    :returns: ``{"table": {"uid", "title", "year", "target_grade"},
        "eligible", "promoted", "groupings": {grouping: {"groups": [...],
        "time_in_grade": [...]}}, "method"}``.
    """
    promoted_on = getattr(table, "effective", None) or getattr(
        table, "decided_on", None
    )
    rows, times = [], []
    for candidate in getattr(table, "candidates", None) or []:
        row = {
            SEX: candidate.get("sex"),
            REGION: candidate.get("region"),
            AGENCY: _agency_of(candidate.get("path") or ""),
            CORPS: candidate.get("corps"),
            "eligible": True,
            "promoted": candidate.get("decision") == "promoted",
        }
        rows.append(row)
        if row["promoted"]:
            times.append(
                dict(
                    row,
                    grade_date=candidate.get("grade_since"),
                    promoted_on=promoted_on,
                )
            )
    return {
        "table": {
            "uid": IUUID(table, None),
            "title": getattr(table, "title", None),
            "year": getattr(table, "year", None),
            "target_grade": getattr(table, "target_grade", None),
        },
        "eligible": len(rows),
        "promoted": sum(1 for r in rows if r["promoted"]),
        "groupings": _groupings(rows, times),
        "method": METHOD,
    }


def agencies(*, context):
    """The agencies a report on ``context`` covers: the agency itself, or
    on the portal every agency where the user may view fairness figures."""
    if getattr(context, "portal_type", None) == "Agency":
        return [context]
    catalog = api.portal.get_tool("portal_catalog")
    result = []
    for brain in catalog(portal_type="Agency", sort_on="sortable_title"):
        agency = brain.getObject()
        if api.user.has_permission(ViewFairness, obj=agency):
            result.append(agency)
    return result


FILE_COLUMNS = ("UID", "sex", "region_of_origin", "corps")


def _files(catalog, path):
    """{file path: group keys} and {UID: file path} of the files under
    ``path`` (metadata; the agency is the one ``path`` names)."""
    keys, paths = {}, {}
    agency = _agency_of(path)
    found = catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile", path=path, show_inactive=True
    )
    for file_path, values in records(found, catalog, FILE_COLUMNS):
        keys[file_path] = {
            SEX: values["sex"] or None,
            REGION: values["region_of_origin"] or None,
            AGENCY: agency,
            CORPS: values["corps"] or None,
        }
        paths[values["UID"]] = file_path
    return keys, paths


def _promotions(catalog, path, year):
    """[(file path, act)] of the validated promotion acts dated in ``year``."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    result = []
    for brain in catalog(
        portal_type="CareerEvent",
        event_type=PROMOTION,
        review_state="validated",
        path=path,
        show_inactive=True,
    ):
        act = brain.career_act or {}
        if act.get("date") and start <= act["date"] <= end:
            result.append((brain.getPath().rpartition("/")[0], act))
    return result


def _exceptional(found, files):
    """Exceptional promotions counted by ground and by group."""
    result = {
        "total": len(found),
        "by_ground": {ground: 0 for ground in EXCEPTIONAL_GROUNDS},
        "groupings": {by: {} for by in GROUPINGS},
    }
    for path, act in found:
        result["by_ground"][act["ground"]] += 1
        keys = files.get(path, {})
        for by in GROUPINGS:
            counts = result["groupings"][by]
            counts[keys.get(by)] = counts.get(keys.get(by), 0) + 1
    for by in GROUPINGS:
        result["groupings"][by] = [
            {"group": g, "count": n}
            for g, n in sorted(
                result["groupings"][by].items(), key=lambda i: str(i[0] or "")
            )
        ]
    return result


def _marks(covered, year, files):
    rows = []
    for agency in covered:
        for row in evaluation_marks.rows(context=agency, year=year):
            keys = files.get(row["file_path"], {})
            rows.append({**keys, EVALUATOR: row["evaluator"], "mark": row["mark"]})
    return {
        "count": len(rows),
        "groupings": {
            by: _by_group(rules.mark_distribution(rows, by=by)) for by in MARK_GROUPINGS
        },
    }


def tables_of(*, context, year):
    """The tableaux d'avancement of ``year`` under ``context`` the user may
    see ([] while the type is not installed)."""
    if TABLE_TYPE not in api.portal.get_tool("portal_types").objectIds():
        return []
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog(
        portal_type=TABLE_TYPE,
        path="/".join(context.getPhysicalPath()),
        sort_on="sortable_title",
    )
    return [
        table
        for table in (brain.getObject() for brain in found)
        if getattr(table, "year", None) == year
    ]


def eligible_on(year):
    """The day a year's eligibility is read: 31 December before it, so that
    a promotion taking effect on 1 January (the first day of a quarter) is
    not read as already held."""
    return date(year - 1, 12, 31)


def year_report(*, context, year):
    """Promotion and marks of ``year``, group by group.

    Eligible: officers eligible for their next grade on 31 December before
    the year, ahead of any promotion of the year (``eligible_on``; one
    eligibility pass per agency); promoted: those of them with a validated
    promotion act by selection dated in the year (an act with a ``ground``,
    bravery or injury, is exceptional and counted apart; a promotion of an
    officer not eligible then is counted in
    ``promoted_not_eligible``). Time in grade before promotion: from the
    date in grade on that day to the act's date. Marks: the year's
    validated marks.

    :param context: an agency, or the portal (every agency the user may
        view fairness figures of).
    :param year: an int (see ``parse_year``).
    :returns: ``{"year", "agencies", "eligible", "promoted",
        "promoted_not_eligible", "groupings", "exceptional", "marks",
        "tables": [table_report...], "method"}``.
    """
    catalog = api.portal.get_tool("portal_catalog")
    covered = agencies(context=context)
    rows, found, files = [], [], {}
    for agency in covered:
        path = "/".join(agency.getPhysicalPath())
        keys, paths = _files(catalog, path)
        files.update(keys)
        found.extend(_promotions(catalog, path, year))
        for officer in promotion.eligibility_of_agency(
            agency=agency, at=eligible_on(year), explain=False
        ):
            if officer["eligible"] and officer["uid"] in paths:
                file_path = paths[officer["uid"]]
                rows.append(
                    {
                        "path": file_path,
                        "grade_date": officer.get("grade_since"),
                        **keys[file_path],
                    }
                )
    selected = {path: act["date"] for path, act in found if not act.get("ground")}
    eligible = {row["path"] for row in rows}
    for row in rows:
        row.update(eligible=True, promoted=row["path"] in selected)
        row["promoted_on"] = selected.get(row["path"])
    exceptional = [(p, a) for p, a in found if a.get("ground") in EXCEPTIONAL_GROUNDS]
    return {
        "year": year,
        "agencies": [a.getId() for a in covered],
        "eligible": len(rows),
        "promoted": sum(1 for r in rows if r["promoted"]),
        "promoted_not_eligible": len(set(selected) - eligible),
        "groupings": _groupings(rows, rows),
        "exceptional": _exceptional(exceptional, files),
        "marks": _marks(covered, year, files),
        "tables": [
            table_report(table=table)
            for agency in covered
            for table in tables_of(context=agency, year=year)
        ],
        "method": METHOD,
    }


def report(*, context, year=None, table=None):
    """The report asked by a page or a service: a tableau's when ``table``
    is given, else the year's.

    :param context: an agency or the portal.
    :param year: ``YYYY`` (text), required without ``table``.
    :param table: a tableau's UID, or None.
    :returns: ``table_report`` or ``year_report``.
    :raises FairnessError: a bad year or an unknown table (400).
    :raises SirhpNotFound: a table elsewhere (404).
    """
    if table:
        return table_report(table=find_table(context=context, uid=table))
    return year_report(context=context, year=parse_year(year))


def to_json(report, *, request):
    """The report with its method as plain French (or English) strings and
    dates as ISO text: what REST answers."""

    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if k != "method"}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, date):
            return value.isoformat()
        return value

    result = plain(report)
    result["method"] = [
        {"figure": figure, "text": translate(message, context=request)}
        for figure, message in report["method"]
    ]
    return result
