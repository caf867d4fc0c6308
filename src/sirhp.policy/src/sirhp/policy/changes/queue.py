"""The review queue (À valider): everything waiting in the user's agencies.

New files and records in ``pending`` and change requests in ``pending``,
oldest first, from the catalog (metadata only). The catalog's security
filter keeps each reviewer to what he or she may see (own agency).
"""

from DateTime import DateTime
from plone import api

QUEUE_TYPES = {
    "PersonnelFile": "Nouveau dossier",
    "ScannedDocument": "Pièce",
    "CareerEvent": "Acte de carrière",
    "ChangeRequest": "Demande de modification",
}


def waiting_label(since, now=None):
    if since is None:
        return ""
    now = now or DateTime()
    hours = int((now - since) * 24)
    if hours < 1:
        return "moins d'une heure"
    if hours < 48:
        return f"{hours} h"
    return f"{hours // 24} jours"


def review_queue(portal_type=None, unit=None, limit=500):
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
    now = DateTime()
    items = []
    for brain in catalog(**query)[:limit]:
        items.append(
            {
                "@id": brain.getURL(),
                "@type": brain.portal_type,
                "type_title": QUEUE_TYPES[brain.portal_type],
                "title": brain.Title,
                "matricule": brain.matricule,
                "agency": brain.agency,
                "since": brain.state_since.ISO8601() if brain.state_since else None,
                "waiting": waiting_label(brain.state_since, now),
                "brain": brain,
            }
        )
    return items


def queue_counts():
    """{portal_type: count} of the queue (home page)."""
    catalog = api.portal.get_tool("portal_catalog")
    counts = {}
    for portal_type in QUEUE_TYPES:
        counts[portal_type] = len(
            catalog(portal_type=portal_type, review_state="pending")
        )
    return counts
