"""The review queue (À valider): everything waiting in the user's agencies.

New files and records in ``pending`` and change requests in ``pending``,
oldest first, from the catalog (metadata only). The catalog's security
filter keeps each reviewer to what he or she may see (own agency).
"""

from plone import api
from sirhp.content import _
from sirhp.content.base.dates import waiting_time
from zope.globalrequest import getRequest
from zope.i18n import translate

# What waits for a reviewer, with its label (translated by the callers).
QUEUE_TYPES = {
    "PersonnelFile": _("type_file", default="Dossier"),
    "ScannedDocument": _("type_document", default="Pièce"),
    "CareerEvent": _("type_event", default="Acte de carrière"),
    "ChangeRequest": _("type_change_request", default="Demande de modification"),
}


def review_queue(portal_type=None, unit=None, limit=500):
    """What waits for validation and the current user may see, oldest first.

    :param portal_type: one of ``QUEUE_TYPES`` (others: every type).
    :param unit: the UID of a unit, to keep its items only.
    :param limit: the most items returned.
    :returns: a list of dicts (``@id``, ``@type``, ``type_title``, ``title``,
        ``matricule``, ``agency``, ``since``, ``waiting``, ``brain``).
    """
    catalog = api.portal.get_tool("portal_catalog")
    types = [portal_type] if portal_type in QUEUE_TYPES else list(QUEUE_TYPES)
    query = {
        "portal_type": types,
        "review_state": "pending",
        "sort_on": "state_since",
        "sort_order": "ascending",
    }
    if unit:
        query["unit"] = unit
    items = []
    for brain in catalog(**query)[:limit]:
        items.append(
            {
                "@id": brain.getURL(),
                "@type": brain.portal_type,
                "type_title": translate(
                    QUEUE_TYPES[brain.portal_type], context=getRequest()
                ),
                "title": brain.Title,
                "matricule": brain.matricule,
                "agency": brain.agency,
                "since": brain.state_since.ISO8601() if brain.state_since else None,
                "waiting": waiting_time(brain.state_since),
                "brain": brain,
            }
        )
    return items


def queue_counts():
    """{portal_type: count} of what waits and the current user may see.

    :returns: a dict with one entry per type of ``QUEUE_TYPES``.
    """
    catalog = api.portal.get_tool("portal_catalog")
    counts = {}
    for portal_type in QUEUE_TYPES:
        counts[portal_type] = len(
            catalog(portal_type=portal_type, review_state="pending")
        )
    return counts
