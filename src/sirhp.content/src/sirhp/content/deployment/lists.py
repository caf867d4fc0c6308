"""Deployment lists: a staff finder's result saved under a name, with its
purpose and dates (``DeploymentList`` in the agency), read back with the
reader's rights, and the notice an officer on an active list sees in Mon
dossier.

The members are never taken from the caller: ``save`` re-runs the search
(``api.member_uids``, every page) with the caller's permissions.
"""

from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer
from sirhp.content import _
from sirhp.content.base import hooks
from sirhp.content.deployment import rules
from sirhp.content.deployment.api import DeploymentError
from sirhp.content.deployment.api import files
from sirhp.content.deployment.api import member_uids
from sirhp.content.deployment.api import parse
from sirhp.content.deployment.content import period_message
from sirhp.content.training.api import agency_of
from zope.globalrequest import getRequest

SAVE = "deployment.list"  # the journal's action
PORTAL_TYPE = "DeploymentList"
# the finder's parameters a list keeps (not the batch)
KEPT = tuple(
    name
    for name in rules.LIST_PARAMETERS + rules.INT_PARAMETERS + rules.DATE_PARAMETERS
    if name not in ("b_start", "b_size")
)
MSG_TITLE = _(
    "deployment_list_title_required", default="Indiquez l'intitulé de la liste."
)
MSG_PURPOSE = _(
    "deployment_list_purpose_required", default="Indiquez l'objet du déploiement."
)
MSG_EMPTY = _(
    "deployment_list_empty",
    default="La recherche ne trouve aucun agent : rien à enregistrer.",
)


def _day(value, name):
    if value in (None, "") or isinstance(value, date):
        return value or None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DeploymentError(
            _(
                "deployment_bad_date",
                default="Date invalide pour « ${name} » : « ${value} » (attendu "
                "AAAA-MM-JJ).",
                mapping={"name": name, "value": str(value)},
            )
        ) from None


def kept_query(form):
    """The finder's parameters of ``form`` a list keeps, as ``{name:
    [texts]}`` (the batch left out, empty values dropped)."""
    query = {}
    for name in KEPT:
        raw = form.get(name)
        if raw in (None, "", []):
            continue
        values = [raw] if isinstance(raw, (str, int, date)) else list(raw)
        values = [str(v) for v in values if v not in (None, "")]
        if values:
            query[name] = values
    return query


def save(*, context, title, purpose, start, end, notify, query, today, request=None):
    """Save what the finder finds with ``query`` as a list of the agency.

    :param context: the Agency (or a Unit of it) the search runs on; the
        list is created in the agency, with the caller's add permission.
    :param title: the list's name (required).
    :param purpose: what the officers are deployed for (required).
    :param start: first day (``date`` or ``YYYY-MM-DD``).
    :param end: last day, not before ``start``.
    :param notify: show the list in its members' Mon dossier once active.
    :param query: the finder's parameters (``rules.parse_query``).
    :param today: the day of the search.
    :returns: the new DeploymentList (state draft).
    :raises DeploymentError: a missing title or purpose, bad dates, a bad
        parameter, a search that finds nobody.
    :raises AccessControl.Unauthorized: the caller may not add a list.
    """
    request = request if request is not None else getRequest()
    title, purpose = (title or "").strip(), (purpose or "").strip()
    if not title:
        raise DeploymentError(MSG_TITLE)
    if not purpose:
        raise DeploymentError(MSG_PURPOSE)
    start, end = _day(start, "start"), _day(end, "end")
    message = period_message(start, end)
    if message is not None:
        raise DeploymentError(message)
    agency = agency_of(context)
    kept = kept_query(query or {})
    parse(agency=agency, form=kept)  # refuse a bad parameter before searching
    members = member_uids(context=context, form=kept, today=today)
    if not members:
        raise DeploymentError(MSG_EMPTY)
    # named from its title before it is added (as the add form does):
    # plone.api would add it under a temporary id and rename it, an
    # uncatalog of a path never catalogued (an ERROR in the log)
    created = createContentInContainer(
        agency,
        PORTAL_TYPE,
        id=title,  # the name chooser's wish: normalized, made unique
        title=title,
        purpose=purpose,
        start=start,
        end=end,
        notify=bool(notify),
    )
    created.members = members
    created.query = kept
    created.reindexObject()
    detail = f"{len(members)} agent(s) ; {title}"
    hooks.journal(SAVE, obj=created, request=request, detail=detail)
    return created


def members(*, deployment_list, request=None):
    """The list's files the current user may see, as the finder's items
    (the skills, languages... of the catalog; no protected field), in the
    list's order.

    :param deployment_list: a DeploymentList.
    :returns: a list of items (``api.search``'s ``items``).
    """
    return files(
        agency=agency_of(deployment_list),
        uids=list(deployment_list.members or ()),
        day=deployment_list.start,
        request=request,
    )


def searched(deployment_list):
    """The skills and languages the list was searched for (``{"skill":
    [...], "language": [...]}``): the columns of its nominative list."""
    query = deployment_list.query or {}
    return {name: list(query.get(name, ())) for name in ("skill", "language")}


def describe(*, deployment_list, request=None):
    """The list as REST answers it (``GET @deployment-list``).

    :param deployment_list: a DeploymentList.
    :returns: ``{"@id", "title", "purpose", "start", "end", "notify",
        "review_state", "query", "items", "items_total"}``; ``items`` are
        the members the caller may see.
    """
    items = members(deployment_list=deployment_list, request=request)
    return {
        "@id": deployment_list.absolute_url(),
        "title": deployment_list.title,
        "purpose": deployment_list.purpose,
        "start": deployment_list.start.isoformat() if deployment_list.start else None,
        "end": deployment_list.end.isoformat() if deployment_list.end else None,
        "notify": bool(deployment_list.notify),
        "review_state": api.content.get_state(obj=deployment_list),
        "query": dict(deployment_list.query or {}),
        "items": items,
        "items_total": len(items),
    }


def may_activate(deployment_list):
    """A list is activated with members and right dates."""
    return bool(deployment_list.members) and (
        period_message(deployment_list.start, deployment_list.end) is None
    )


def notices(*, file):
    """The active lists with ``notify`` holding ``file``: what its officer
    sees in Mon dossier (only the list's title, purpose and dates: nothing
    about the other members). An unrestricted lookup: the officer may not
    view the lists.

    :param file: a PersonnelFile (the caller's own).
    :returns: ``[{"title", "purpose", "start", "end"}]`` by start date.
    """
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=PORTAL_TYPE,
        deployment_members=file.UID(),
        review_state="active",
    )
    found = []
    for brain in brains:
        item = brain._unrestrictedGetObject()
        if rules.is_notified(brain.review_state, item.notify):
            found.append(
                {
                    "title": item.title,
                    "purpose": item.purpose,
                    "start": item.start,
                    "end": item.end,
                }
            )
    return sorted(found, key=lambda n: (n["start"] or date.min, n["title"]))
