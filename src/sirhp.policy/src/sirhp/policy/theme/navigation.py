"""The navigation per role: a declared table of the SIRHP pages, each shown
only where its view exists and the user holds its permission.

An item is looked for on the portal, then on each agency (whether the user
may view it or not), then on each unit the user commands (commanders hold
their permissions on their units only): the first place where the view is
registered and the permission held gives the link.
"""

from dataclasses import dataclass
from plone import api
from sirhp.content.api import COMMANDERS_GROUP_PREFIX
from sirhp.content.changes.api import own_file
from sirhp.content.permissions import AddBadgePrintBatch
from sirhp.content.permissions import ManageReferentials
from sirhp.content.permissions import SearchDeployment
from sirhp.content.permissions import ViewCampaignFollowUp
from sirhp.content.permissions import ViewFairness
from sirhp.content.permissions import ViewIndicators
from sirhp.content.permissions import ViewRecruitmentStatistics
from sirhp.content.permissions import ViewTrainingCoverage
from sirhp.policy import _
from sirhp.policy.base.views import has_permission
from sirhp.policy.permissions import ViewAuditJournal
from zope.component import queryMultiAdapter

PORTAL, AGENCY, UNIT = "portal", "agency", "unit"


@dataclass(frozen=True)
class Item:
    """``view`` on the first of ``places`` where ``permission`` is held on
    ``check`` (the place itself when None); ``view`` "" is the default view."""

    id: str
    label: object
    view: str
    permission: str
    places: tuple
    check: str | None = None


ITEMS = (
    Item("accueil", _("nav_home", default="Accueil"), "", "View", (PORTAL,)),
    # the queue lives on the portal; reviewing is granted on the agencies
    Item(
        "a-valider",
        _("nav_review", default="À valider"),
        "@@a-valider",
        "Review portal content",
        (PORTAL,),
        check=AGENCY,
    ),
    Item(
        "dossiers",
        _("nav_files", default="Dossiers"),
        "",
        "List folder contents",
        (AGENCY,),
    ),
    Item(
        "recherche",
        _("nav_search", default="Recherche"),
        "@@recherche-deploiement",
        SearchDeployment,
        (AGENCY, UNIT),
    ),
    Item(
        "documents",
        _("nav_documents", default="Documents"),
        "@@recherche-pieces",
        "List folder contents",
        (AGENCY,),
    ),
    Item(
        "cartes",
        _("nav_badges", default="Cartes"),
        "@@impression-cartes",
        AddBadgePrintBatch,
        (AGENCY,),
    ),
    # the catalogue page is open to every reader of the agency; the item
    # is for those who follow the trainings
    Item(
        "formations",
        _("nav_trainings", default="Formations"),
        "@@formations",
        ViewTrainingCoverage,
        (AGENCY,),
    ),
    Item(
        "evaluations",
        _("nav_evaluations", default="Évaluations"),
        "@@campagnes-evaluation",
        ViewCampaignFollowUp,
        (AGENCY,),
    ),
    Item(
        "avancement",
        _("nav_promotion", default="Avancement"),
        "@@tableaux-avancement",
        ViewFairness,
        (AGENCY,),
    ),
    Item(
        "recrutement",
        _("nav_recruitment", default="Recrutement"),
        "@@campagnes-recrutement",
        ViewRecruitmentStatistics,
        (AGENCY,),
    ),
    Item(
        "referentiels",
        _("nav_referentials", default="Référentiels"),
        "@@referentiels-statut",
        ManageReferentials,
        (PORTAL, AGENCY),
    ),
    Item(
        "journal",
        _("nav_journal", default="Journal"),
        "@@journal",
        ViewAuditJournal,
        (PORTAL, AGENCY),
    ),
    Item(
        "tableau-de-bord",
        _("nav_dashboard", default="Tableau de bord"),
        "@@tableau-de-bord",
        ViewIndicators,
        (PORTAL, AGENCY, UNIT),
    ),
)
MON_DOSSIER = Item(
    "mon-dossier",
    _("nav_own_file", default="Mon dossier"),
    "@@mon-dossier",
    "View",
    (PORTAL,),
)


def commanded_units():
    """The units whose commanders group the current user belongs to.

    Looked up without the user's rights: UnitCommander grants the dashboard
    and the finder on the unit, not View (the items then check their own
    permission on it)."""
    catalog = api.portal.get_tool("portal_catalog")
    user = api.user.get_current()
    uids = [
        group[len(COMMANDERS_GROUP_PREFIX) :]
        for group in user.getGroups() or ()
        if group.startswith(COMMANDERS_GROUP_PREFIX)
    ]
    if not uids:
        return []
    brains = catalog.unrestrictedSearchResults(portal_type="Unit", UID=uids)
    return [brain._unrestrictedGetObject() for brain in brains]


def places():
    """Where the items are looked for: {place kind: [objects]}.

    Every agency, found without the user's rights: a recruitment officer
    holds his permissions on an agency he may not view (each item checks
    its own permission on it)."""
    catalog = api.portal.get_tool("portal_catalog")
    agencies = [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(
            portal_type="Agency", sort_on="sortable_title"
        )
    ]
    return {PORTAL: [api.portal.get()], AGENCY: agencies, UNIT: commanded_units()}


def _view_exists(obj, name, request):
    if not name:
        return True
    return queryMultiAdapter((obj, request), name=name.removeprefix("@@")) is not None


def _link(item, where, request):
    for kind in item.places:
        for obj in where[kind]:
            if not _view_exists(obj, item.view, request):
                continue
            checked = [obj] if item.check is None else where[item.check]
            if any(has_permission(item.permission, o) for o in checked):
                url = obj.absolute_url()
                return f"{url}/{item.view}" if item.view else url
    return None


def navigation(request):
    """The items the current user may use, in the table's order.

    :param request: the current request (views are looked up on its layers).
    :returns: a list of {"id", "label", "url"}; empty for anonymous users.
    """
    if api.user.is_anonymous():
        return []
    where = places()
    result = []
    for item in ITEMS:
        url = _link(item, where, request)
        if url:
            result.append({"id": item.id, "label": item.label, "url": url})
    if own_file() is not None:
        url = _link(MON_DOSSIER, where, request)
        if url:
            result.append(
                {"id": MON_DOSSIER.id, "label": MON_DOSSIER.label, "url": url}
            )
    return result
