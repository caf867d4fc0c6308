"""The agencies of the site, read from the catalog (they are data: the
policy profile's agencies file creates the first ones, administrators add
others). Every run-time question "which agencies are there?" asks here.

Unrestricted: who may read an agency is not the question (the journal names
the agency of a line, the login asks whether a group belongs to one).
"""

from plone import api
from plone.api.exc import CannotGetPortalError
from sirhp.content.interfaces import IAgency

AGENCY_TYPE = "Agency"


def _brains():
    try:
        catalog = api.portal.get_tool("portal_catalog")
    except CannotGetPortalError:  # outside a site (Zope root, scripts)
        return []
    return catalog.unrestrictedSearchResults(
        portal_type=AGENCY_TYPE, sort_on="getObjPositionInParent"
    )


def agencies() -> list:
    """The Agency objects of the site, in their order at the site root."""
    return [brain._unrestrictedGetObject() for brain in _brains()]


def agency_ids() -> frozenset:
    """The ids of the site's agencies (catalog metadata, no object loaded)."""
    return frozenset(brain.getId for brain in _brains())


def agency_values(agency) -> dict:
    """What an agency is, as data: id, title, short name, colour, prefix."""
    return {
        "id": agency.getId(),
        "title": agency.Title(),
        "short_name": getattr(agency, "short_name", None) or "",
        "primary_color": getattr(agency, "primary_color", None) or "",
        "matricule_prefix": getattr(agency, "matricule_prefix", None) or "",
    }


def is_agency_id(name: str) -> bool:
    """Whether ``name`` is the id of an agency at the site root. Asks the
    site root, not the catalog: the journal asks on every line it writes, and
    a catalog query first indexes what the request has queued (its own order
    of indexing and savepoints changed, for a yes/no)."""
    if not name:
        return False
    try:
        portal = api.portal.get()
    except CannotGetPortalError:
        return False
    return IAgency.providedBy(portal._getOb(name, None))
