"""What the domain APIs write outside the schema, carried across a migration.

plone.restapi exports and imports schema fields only; an official
document's number, dates and signer, a concours' proposers and stored
ranking, an admitted candidate's file, the day a leave was asked, a
training session's participants with their results, its certificates and
who recorded them are attributes the domain API writes (no form or PATCH
may). Exported under ``KEY`` as they are (dates as
``{"@date": ISO}``), set back on the imported object; a request's day,
a candidate's NINA and an evaluation campaign's year, grid and deadline
come with the factory (the added event checks them, see ``importer``). The agencies' attestation counters (an annotation) are
rebuilt from the numbers imported, so the next number follows the last.
"""

from BTrees.OOBTree import OOBTree
from datetime import date
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from sirhp.content.attestations import api as attestations
from sirhp.content.attestations import rules as attestation_rules
from zope.annotation.interfaces import IAnnotations

KEY = "sirhp.attributes"
ATTRIBUTES = {
    "AttestationRequest": (
        "kind",  # read-only field: the deserializer never sets it
        "requested_by",
        "requested_on",
        "prepared_by",
        "signer_name",
        "signer_title",
        "number",
        "issued_by",
        "issued_on",
        "revoked_by",
        "revoked_on",
        "reason",
    ),
    "LeaveRequest": ("requested_on",),
    "RecruitmentCampaign": ("proposers", "stored_results"),
    "Candidate": ("admitted_file",),
    "TrainingSession": ("participants", "certificates", "recorders"),
}
# what the added event of a type checks, given to its factory
FACTORY = {
    "AttestationRequest": ("requested_on", "kind"),
    "LeaveRequest": ("requested_on",),
    "Candidate": ("nina",),
    "EvaluationCampaign": ("year", "grid_kind", "grid", "evaluation_deadline"),
}
# schema dates among them: exported as ISO text by plone.restapi
FACTORY_DATES = frozenset({"evaluation_deadline"})


def to_json(value):
    if isinstance(value, date):
        return {"@date": value.isoformat()}
    if isinstance(value, (dict, PersistentMapping)):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, PersistentList)):
        return [to_json(v) for v in value]
    return value


def from_json(value):
    if isinstance(value, dict):
        if set(value) == {"@date"}:
            return date.fromisoformat(value["@date"])
        return {k: from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json(v) for v in value]
    return value


def export_attributes(item, obj):
    """Add ``obj``'s API-written attributes to its exported ``item``."""
    names = ATTRIBUTES.get(getattr(obj, "portal_type", None), ())
    values = {name: to_json(getattr(obj, name, None)) for name in names}
    if values:
        item[KEY] = values


def factory_kwargs(item):
    """The values the added event of the item's type checks."""
    saved = item.get(KEY) or {}
    kwargs = {
        name: from_json(saved[name]) if name in saved else item.get(name)
        for name in FACTORY.get(item["@type"], ())
    }
    for name in FACTORY_DATES.intersection(kwargs):
        if isinstance(kwargs[name], str):
            kwargs[name] = date.fromisoformat(kwargs[name][:10])
    return kwargs


def import_attributes(obj, item):
    """Set back what ``export_attributes`` exported (tuples stay tuples:
    the API appends to them; a session's participants are a persistent
    mapping: the API changes an entry in place)."""
    for name, value in (item.get(KEY) or {}).items():
        value = from_json(value)
        if name in ("proposers", "recorders"):
            value = tuple(value or ())
        elif name == "participants" and value is not None:
            value = PersistentMapping(value)
        setattr(obj, name, value)


def restore_numbering():
    """Each agency's attestation counter per year at the highest number
    imported, so that no number is given twice."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="AttestationRequest"):
        document = brain._unrestrictedGetObject()
        parsed = attestation_rules.parse_number(document.number or "")
        agency = attestations.agency_of(document)
        if parsed is None or agency is None:
            continue
        _prefix, year, sequence = parsed
        annotations = IAnnotations(agency)
        counters = annotations.get(attestations.NUMBERS_KEY)
        if counters is None:
            counters = annotations[attestations.NUMBERS_KEY] = OOBTree()
        counters[year] = max(counters.get(year, 0), sequence)
