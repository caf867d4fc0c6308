"""The staff finder: who, in an agency, has these skills, languages,
licences and valid certificates, and is available on a day.

Catalog only: the files the caller may see (``searchResults`` filters by
``allowedRolesAndUsers``: an HR manager sees the agency, a commander the
files of his or her units, an officer the own file, the other agency
nothing), the values of the facets read from the indexes of the result set
(``_unindex``, no brain, no object), the files out on the day (approved
leave, a period act out of activity) from two queries over leave and acts.
"""

from plone import api
from sirhp.content import _
from sirhp.content.base import hooks
from sirhp.content.base.catalog import records
from sirhp.content.base.catalog import units_below
from sirhp.content.base.errors import SirhpError
from sirhp.content.deployment import rules
from sirhp.content.interfaces import IUnit
from sirhp.content.leave import api as leave
from sirhp.content.training import api as training
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory

SEARCH = "deployment.search"  # the journal's action

# parameter -> (catalog index, named vocabulary)
VOCABULARIES = {
    "skill": ("skills", "sirhp.content.skills"),
    "language": ("languages", "sirhp.content.languages"),
    "licence": ("driving_licences", "sirhp.content.driving_licences"),
    "grade": ("grade", "sirhp.content.grades"),
    "corps": ("corps", "sirhp.content.corps"),
    "region": ("region", "sirhp.content.regions"),
    "sex": ("sex", "sirhp.content.sex"),
}
COLUMNS = (
    "UID",
    "matricule",
    "last_name",
    "first_names",
    "grade",
    "unit_title",
    "region",
)


class DeploymentError(SirhpError):
    """A refused search or list (HTTP 400); nothing is stored."""


def _titles(vocabulary, context):
    factory = getUtility(IVocabularyFactory, vocabulary)
    return {term.value: term.title for term in factory(context)}


def choices(*, agency):
    """What each parameter of the finder accepts in ``agency``, with titles.

    :param agency: an Agency.
    :returns: ``{parameter: {value: title}}`` (titles are text or i18n
        messages).
    """
    found = {name: _titles(vocab, agency) for name, (_i, vocab) in VOCABULARIES.items()}
    catalog = api.portal.get_tool("portal_catalog")
    units = catalog.unrestrictedSearchResults(
        portal_type="Unit", path="/".join(agency.getPhysicalPath())
    )
    found["unit"] = {brain.UID: brain.Title for brain in units}
    courses = training.courses(agency=agency)
    found["certificate"] = {code: course.title for code, course in courses.items()}
    found["age_band"] = {label: label for label in rules.BAND_LABELS}
    return found


def parse(*, agency, form, known=None):
    """The finder's query from request parameters (``rules.parse_query``).

    :param agency: an Agency.
    :param form: the request's form.
    :param known: ``choices(agency=agency)`` when the caller has it.
    :returns: the query (see ``rules.parse_query``).
    :raises DeploymentError: an unknown value, a bad number or date.
    """
    known = known if known is not None else choices(agency=agency)
    query, problem = rules.parse_query(form, {k: set(v) for k, v in known.items()})
    if problem is not None:
        msgid, default, mapping = problem
        raise DeploymentError(_(msgid, default=default, mapping=mapping))
    return query


def out_on(*, agency, day, today):
    """Paths of the files of ``agency`` that are not available on ``day``:
    approved leave covering it, a validated act putting the officer out of
    activity on it (suspension, mise à pied, detachment, availability for
    their period; a departure dated between ``today`` and ``day``).
    Whatever the caller may see: only the set of paths is returned.
    """
    out = leave.absent_files(container=agency, start=day)
    catalog = api.portal.get_tool("portal_catalog")
    where = "/".join(agency.getPhysicalPath())
    base = {"portal_type": "CareerEvent", "review_state": "validated", "path": where}
    queries = (
        {
            "event_date": {"query": day, "range": "max"},
            "event_end_date": {"query": day, "range": "min"},
        },
        {"event_date": {"query": (today, day), "range": "min:max"}},
    )
    for query in queries:
        results = catalog.unrestrictedSearchResults(**base, **query)
        for path, values in records(results, catalog, ("career_act",)):
            act = values["career_act"] or {}
            status = act.get("status")
            if (
                status
                and status != rules.AVAILABLE_STATUS
                and rules.covers(act.get("date"), act.get("end_date"), day)
            ):
                out.add(path.rsplit("/", 1)[0])
    return out


def certificates_on(*, agency, day):
    """``{file path: {course codes}}``: the trainings passed by ``day``
    whose certificate is still valid on ``day`` (or never expires)."""
    catalog = api.portal.get_tool("portal_catalog")
    results = catalog.unrestrictedSearchResults(
        portal_type="CareerEvent",
        review_state="validated",
        path="/".join(agency.getPhysicalPath()),
        event_date={"query": day, "range": "max"},
        training_valid_until={"query": day, "range": "min"},
    )
    courses = catalog._catalog.indexes["training_course"]._unindex
    valid_until = catalog._catalog.indexes["training_valid_until"]._unindex
    held = {}
    for rid in getattr(results, "_seq", None) or [b.getRID() for b in results]:
        if valid_until.get(rid) == day:
            continue  # expires that day: no longer valid (training.rules)
        path = catalog._catalog.paths[rid].rsplit("/", 1)[0]
        held.setdefault(path, set()).add(courses.get(rid))
    return held


def _catalog_query(agency, query, day, units=None):
    found = {
        "portal_type": "PersonnelFile",
        "review_state": "validated",
        "path": "/".join(agency.getPhysicalPath()),
    }
    for name, (index, _vocab) in VOCABULARIES.items():
        if name in query:
            found[index] = query[name]
    if "unit" in query:
        found["unit"] = query["unit"]
    if units is not None:  # a unit's finder: that unit and the units inside it
        asked = found.get("unit")
        kept = [u for u in asked if u in units] if asked else list(units)
        found["unit"] = kept or ["-"]  # an empty list would filter nothing
    level = query.get("skill_level_min")
    if level and "skill" in query:
        found.pop("skills")
        found["skill_level"] = rules.tokens_at_least(query["skill"], level)
    earliest, latest = rules.birth_range(
        query.get("age_min"), query.get("age_max"), day
    )
    if earliest and latest:
        found["birth_date"] = {"query": (earliest, latest), "range": "min:max"}
    elif earliest or latest:
        bound = earliest or latest
        found["birth_date"] = {"query": bound, "range": "min" if earliest else "max"}
    if "available_on" in query:
        found["personnel_status"] = rules.AVAILABLE_STATUS
    return found


def _entries(results, catalog):
    """``(rid, path, metadata)`` of each result, without brains when the
    result set allows it (``base.catalog.records``)."""
    seq = getattr(results, "_seq", None)
    if seq is None:
        return [
            (b.getRID(), b.getPath(), {c: getattr(b, c) for c in COLUMNS})
            for b in results
        ]
    rids = [rid[2] if isinstance(rid, tuple) else rid for rid in seq]
    rows = records(results, catalog, COLUMNS)
    return [(rid, path, values) for rid, (path, values) in zip(rids, rows, strict=True)]


_ROW_INDEXES = (
    "skills",
    "languages",
    "driving_licences",
    "grade",
    "unit",
    "region",
    "sex",
    "birth_date",
)


def _row(indexes, rid, day, held_here):
    return {
        "skill": indexes["skills"].get(rid),
        "language": indexes["languages"].get(rid),
        "licence": indexes["driving_licences"].get(rid),
        "grade": indexes["grade"].get(rid),
        "unit": indexes["unit"].get(rid),
        "region": indexes["region"].get(rid),
        "sex": indexes["sex"].get(rid),
        "age_band": rules.age_band(indexes["birth_date"].get(rid), day),
        "certificate": sorted(held_here),
    }


def _title(value, request):
    return translate(value, context=request) if value is not None else value


def _matches(agency, query, today, units):
    """``[(path, metadata, facet row)]`` of the files the current user may
    see that answer ``query``, sorted by name (every page)."""
    day = query.get("available_on") or today
    catalog = api.portal.get_tool("portal_catalog")
    results = catalog.searchResults(**_catalog_query(agency, query, day, units))
    held = certificates_on(agency=agency, day=day)
    out = (
        out_on(agency=agency, day=day, today=today)
        if "available_on" in query
        else set()
    )
    zcatalog = catalog._catalog
    indexes = {name: zcatalog.indexes[name]._unindex for name in _ROW_INDEXES}
    kept = []
    for rid, path, values in _entries(results, catalog):
        if path in out:
            continue
        row = _row(indexes, rid, day, held.get(path, ()))
        if "certificate" in query and not set(query["certificate"]) & set(
            row["certificate"]
        ):
            continue
        if "age_band" in query and row["age_band"] not in query["age_band"]:
            continue
        kept.append((path, values, row))
    kept.sort(key=lambda item: (item[1]["last_name"] or "", item[1]["matricule"] or ""))
    return kept


def _scope(context):
    """``(agency, units)``: the agency searched and, on a Unit, the UIDs of
    the unit and of the units inside it (None on an agency)."""
    if IUnit.providedBy(context):
        return training.agency_of(context), units_below(context)
    return context, None


def member_uids(*, context, form, today):
    """The UIDs of every file the current user finds with ``form`` (all
    pages, in the finder's order): what a deployment list saves.

    :param context: an Agency or a Unit (see ``search``).
    :param form: the finder's parameters (``rules.parse_query``).
    :param today: the day (see ``search``).
    :returns: a list of UIDs.
    :raises DeploymentError: an unknown value, a bad number or date.
    """
    agency, units = _scope(context)
    query = parse(agency=agency, form=form)
    return [values["UID"] for _p, values, _r in _matches(agency, query, today, units)]


def search(*, agency, form, today, request=None, journal=True):
    """Search the files of ``agency`` the current user may see.

    :param agency: an Agency, or a Unit: the files of the unit and of the
        units inside it (a commander's finder), within the same scope.
    :param form: the finder's parameters (``rules.parse_query``); several
        values of one parameter mean any of them, parameters combine.
    :param today: the day (age bands and certificates when
        ``available_on`` is not given).
    :param request: for the titles' language and the journal.
    :param journal: journal the search (parameters and count).
    :returns: ``{"items": [...], "items_total", "facets": {facet: [{"value",
        "title", "count"}]}, "day"}``; items sorted by name, batched by
        ``b_start``/``b_size``.
    :raises DeploymentError: an unknown value, a bad number or date.
    """
    request = request if request is not None else getRequest()
    context = agency
    agency, units = _scope(context)
    known = choices(agency=agency)
    query = parse(agency=agency, form=form, known=known)
    day = query.get("available_on") or today
    kept = _matches(agency, query, today, units)
    counts = rules.count_facets(row for _p, _v, row in kept)
    facets = {
        name: [
            {
                "value": value,
                "title": _title(known[name].get(value, value), request),
                "count": count,
            }
            for value, count in sorted(
                counts[name].items(), key=lambda i: (-i[1], str(i[0]))
            )
        ]
        for name in rules.FACETS
    }
    start = query.get("b_start", 0)
    size = query.get("b_size", rules.DEFAULT_BATCH)
    portal_url = api.portal.get().absolute_url()
    site_path = "/".join(api.portal.get().getPhysicalPath())
    items = [
        _item(path, values, row, known, request, portal_url + path[len(site_path) :])
        for path, values, row in kept[start : start + size]
    ]
    if journal:
        detail = f"{len(kept)} agent(s) ; {_describe(form)}"
        hooks.journal(SEARCH, obj=context, request=request, detail=detail)
    return {"items": items, "items_total": len(kept), "facets": facets, "day": day}


def _item(path, values, row, known, request, url):
    def titles(name):
        return [_title(known[name].get(v, v), request) for v in row[name] or ()]

    return {
        "@id": url,
        "matricule": values["matricule"],
        "name": " ".join(p for p in (values["last_name"], values["first_names"]) if p),
        "grade": _title(known["grade"].get(values["grade"], values["grade"]), request),
        "unit": values["unit_title"],
        "region": _title(
            known["region"].get(values["region"], values["region"]), request
        ),
        "skills": titles("skill"),
        "languages": titles("language"),
        "licences": titles("licence"),
        "certificates": titles("certificate"),
        "age_band": row["age_band"],
    }


def _describe(form):
    names = rules.LIST_PARAMETERS + rules.INT_PARAMETERS + rules.DATE_PARAMETERS
    parts = []
    for name in names:
        value = form.get(name)
        if value not in (None, "", []):
            value = value if isinstance(value, str) else ",".join(map(str, value))
            parts.append(f"{name}={value}")
    return "&".join(parts)


def files(*, agency, uids, day, request=None):
    """The finder's items (``search``) of the files ``uids`` the current user
    may see, in the order of ``uids`` (a saved list's members).

    :param agency: the Agency holding the files.
    :param uids: file UIDs.
    :param day: the day of the age bands and certificates.
    :returns: a list of items (``search``'s ``items``).
    """
    request = request if request is not None else getRequest()
    if not uids:
        return []
    known = choices(agency=agency)
    catalog = api.portal.get_tool("portal_catalog")
    results = catalog.searchResults(
        portal_type="PersonnelFile",
        UID=list(uids),
        path="/".join(agency.getPhysicalPath()),
    )
    zcatalog = catalog._catalog
    indexes = {name: zcatalog.indexes[name]._unindex for name in _ROW_INDEXES}
    held = certificates_on(agency=agency, day=day)
    portal = api.portal.get()
    site_path, portal_url = "/".join(portal.getPhysicalPath()), portal.absolute_url()
    found = {}
    for rid, path, values in _entries(results, catalog):
        row = _row(indexes, rid, day, held.get(path, ()))
        url = portal_url + path[len(site_path) :]
        found[values["UID"]] = _item(path, values, row, known, request, url)
    return [found[uid] for uid in uids if uid in found]
