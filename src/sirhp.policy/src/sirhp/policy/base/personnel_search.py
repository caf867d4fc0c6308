"""The personnel search of an agency: its filters (the request's form,
cleaned) and the catalog query they make.

One place for both, so the agency listing page and its nominative lists
(``files.nominative``: PDF, XLSX) run the same query; the catalog applies
the user's View (``allowedRolesAndUsers``) to all of them.
"""

from plone import api
from sirhp.policy.base.views import STATE_LABELS
from urllib.parse import urlencode

STATES = tuple(
    (state, STATE_LABELS[state])
    for state in ("draft", "pending", "validated", "archived")
)
# the filters of the form, in the order of the page (the lists' links keep them)
FILTER_NAMES = ("q", "unit", "grade", "status", "review_state")


def _clean(value, allowed):
    """A filter value only if it is one we offer (ignore anything forged)."""
    return value if value in allowed else None


def path_of(context):
    return "/".join(context.getPhysicalPath())


def units(context):
    """The units of the agency, for the unit filter."""
    brains = api.portal.get_tool("portal_catalog")(
        portal_type="Unit", path=path_of(context), sort_on="sortable_title"
    )
    return [{"value": b.UID, "title": b.Title} for b in brains]


def filters(context, form, labels):
    """The filters the form asks for, each one we offer or None.

    :param form: the request's form.
    :param labels: the view's ``VocabularyLabels``.
    """
    return {
        "unit": _clean(form.get("unit"), {u["value"] for u in units(context)}),
        "grade": _clean(
            form.get("grade"),
            {t["value"] for t in labels.items("sirhp.content.grades")},
        ),
        "status": _clean(
            form.get("status"),
            {t["value"] for t in labels.items("sirhp.content.personnel_status")},
        ),
        "review_state": _clean(form.get("review_state"), {s for s, _ in STATES}),
        "q": (form.get("q") or "").strip()[:100],
    }


def query(context, chosen):
    """The catalog query of the filters ``chosen`` (``filters()``)."""
    result = {
        "portal_type": "PersonnelFile",
        "path": path_of(context),
        "sort_on": "sortable_title",
    }
    if chosen["unit"]:
        result["unit"] = chosen["unit"]
    if chosen["grade"]:
        result["grade"] = chosen["grade"]
    if chosen["status"]:
        result["personnel_status"] = chosen["status"]
    if chosen["review_state"]:
        result["review_state"] = chosen["review_state"]
    if chosen["q"]:
        result["SearchableText"] = searchable(chosen["q"])
    return result


def search(context, chosen):
    """The brains of the files the user may see that match ``chosen``."""
    return api.portal.get_tool("portal_catalog")(**query(context, chosen))


def searchable(text):
    """Words as prefix searches, without the catalog's query operators."""
    words = ["".join(ch for ch in word if ch.isalnum()) for word in text.split()]
    words = [w for w in words if w and w.lower() not in ("and", "or", "not")]
    return " ".join(f"{w}*" for w in words[:8]) or None


def querystring(chosen):
    """The chosen filters as a query string (the lists' links keep them)."""
    return urlencode([(name, chosen[name]) for name in FILTER_NAMES if chosen[name]])
