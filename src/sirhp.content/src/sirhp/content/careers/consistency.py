"""The consistency check: every validated file equals what its validated
acts make of it today.

Catalog only (``career_file`` and ``career_act`` metadata): one query for
the files, one for the acts, whatever the number of files (20,000 on a big
site). The files and acts counted are those the caller may see."""

from datetime import date
from plone import api
from sirhp.content import _
from sirhp.content.base.errors import SirhpForbidden
from sirhp.content.careers import rules
from sirhp.content.permissions import CheckCareers

MSG_FORBIDDEN = _(
    "error_career_check_forbidden",
    default="Vous n'avez pas accès au contrôle des carrières.",
)
NO_ACTS = "no_acts"
DIFFERENCE = "difference"


def _query(agency, portal_type):
    query = {
        "portal_type": portal_type,
        "review_state": "validated",
        "show_inactive": True,  # no publication dates in SIRHP
    }
    if agency is not None:
        query["path"] = "/".join(agency.getPhysicalPath())
    return query


def _acts_by_file(search, agency):
    result = {}
    for brain in search(sort_on="event_date", **_query(agency, "CareerEvent")):
        act = brain.career_act
        if act:
            result.setdefault(brain.getPath().rpartition("/")[0], []).append(act)
    return result


def _rows(search, today, agency):
    acts = _acts_by_file(search, agency)
    rows = []
    for brain in search(sort_on="matricule", **_query(agency, "PersonnelFile")):
        path = brain.getPath()
        base = {
            "file": path,
            "uid": brain.UID,
            "url": brain.getURL(),
            "title": brain.Title,
            "matricule": brain.matricule,
        }
        found = acts.get(path)
        if not found:
            rows.append(
                dict(base, problem=NO_ACTS, field=None, stored=None, from_acts=None)
            )
            continue
        stored = brain.career_file or {}
        for field, value, from_acts in rules.differences(found, stored, today):
            rows.append(
                dict(
                    base,
                    problem=DIFFERENCE,
                    field=field,
                    stored=value,
                    from_acts=from_acts,
                )
            )
    return rows


def check(*, today=None, agency=None):
    """Compare each validated file the caller may see with what its acts
    (those the caller may see) give.

    :param today: the day the acts are applied on (default: today).
    :param agency: an agency to check (default: the whole site).
    :returns: rows ``{"file" (path), "uid", "url", "title", "matricule",
        "problem" ("difference" or "no_acts"), "field", "stored",
        "from_acts"}``, by matricule then field (``field``, ``stored`` and
        ``from_acts`` are ``None`` for a file without any act).
    :raises SirhpForbidden: without ``sirhp: Check careers`` (403).
    """
    context = agency if agency is not None else api.portal.get()
    if not api.user.has_permission(CheckCareers, obj=context):
        raise SirhpForbidden(MSG_FORBIDDEN)
    catalog = api.portal.get_tool("portal_catalog")
    return _rows(catalog, today or date.today(), agency)


def check_site(*, today=None):
    """``check`` of every validated file, whoever runs it: for the command
    line (``scripts/careers_check.py``), where no Plone user is logged in
    and whoever runs it already holds the whole database.

    :param today: the day the acts are applied on (default: today).
    :returns: the rows of ``check``.
    """
    catalog = api.portal.get_tool("portal_catalog")
    return _rows(catalog.unrestrictedSearchResults, today or date.today(), None)
