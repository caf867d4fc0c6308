"""The document search: a catalog query as the current user.

The catalog filters by View (``allowedRolesAndUsers``): nobody finds a
document, nor its text, that he may not open. Reached through
``api.search``; the query words come from ``rules.searchable_text``.
"""

from plone import api


def search(
    *,
    searchable_text=None,
    document_type=None,
    start=None,
    end=None,
    agency=None,
    agency_id=None,
    unit_uid=None,
):
    """Documents the current user may see, newest first: the catalog
    filters by View (``allowedRolesAndUsers``), so nobody finds a document,
    nor its text, that he may not open.

    :param searchable_text: a ``SearchableText`` query (``rules.searchable_text``).
    :param document_type: a document type code.
    :param start: documents dated on or after (a ``date``).
    :param end: documents dated on or before (a ``date``).
    :param agency: search only this agency...
    :param agency_id: ...or the agency of this id.
    :param unit_uid: with ``agency``: the files of this unit and below.
    :returns: catalog brains.
    """
    query = {
        "portal_type": "ScannedDocument",
        "sort_on": "document_sort",
        "sort_order": "descending",
    }
    if searchable_text:
        query["SearchableText"] = searchable_text
    if document_type:
        query["document_type"] = document_type
    if start and end:
        query["document_date"] = {"query": [start, end], "range": "min:max"}
    elif start:
        query["document_date"] = {"query": start, "range": "min"}
    elif end:
        query["document_date"] = {"query": end, "range": "max"}
    if agency is not None:
        query["path"] = "/".join(agency.getPhysicalPath())
    elif agency_id:
        query["agency"] = agency_id
    if unit_uid and agency is not None:
        query["matricule"] = _unit_matricules(unit_uid) or ["-"]
    return api.portal.get_tool("portal_catalog")(**query)


def _unit_matricules(unit_uid):
    """Files of the unit and of the units below it."""
    catalog = api.portal.get_tool("portal_catalog")
    unit = api.content.get(UID=unit_uid)
    if unit is None:
        return []
    uids = [
        b.UID
        for b in catalog(portal_type="Unit", path="/".join(unit.getPhysicalPath()))
    ]
    return [
        b.matricule
        for b in catalog(portal_type="PersonnelFile", unit=uids)
        if b.matricule
    ]
