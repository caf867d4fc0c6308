"""Agency listing with filters, and the unit page. Catalog metadata only."""

from plone import api
from plone.batching import Batch
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView
from sirhp.policy.base.views import STATE_LABELS

STATES = tuple(
    (state, STATE_LABELS[state])
    for state in ("draft", "pending", "validated", "archived")
)
PAGE_SIZE = 50


def _clean(value, allowed):
    """A filter value only if it is one we offer (ignore anything forged)."""
    return value if value in allowed else None


class AgencyListingView(SirhpView):
    def path(self):
        return "/".join(self.context.getPhysicalPath())

    def units(self):
        brains = api.portal.get_tool("portal_catalog")(
            portal_type="Unit", path=self.path(), sort_on="sortable_title"
        )
        return [{"value": b.UID, "title": b.Title} for b in brains]

    def filters(self):
        form = self.request.form
        return {
            "unit": _clean(form.get("unit"), {u["value"] for u in self.units()}),
            "grade": _clean(
                form.get("grade"),
                {t["value"] for t in self.labels.items("sirhp.content.grades")},
            ),
            "status": _clean(
                form.get("status"),
                {
                    t["value"]
                    for t in self.labels.items("sirhp.content.personnel_status")
                },
            ),
            "review_state": _clean(form.get("review_state"), {s for s, _ in STATES}),
            "q": (form.get("q") or "").strip()[:100],
        }

    def states(self):
        return [{"value": v, "title": t} for v, t in STATES]

    def results(self):
        f = self.filters()
        query = {
            "portal_type": "PersonnelFile",
            "path": self.path(),
            "sort_on": "sortable_title",
        }
        if f["unit"]:
            query["unit"] = f["unit"]
        if f["grade"]:
            query["grade"] = f["grade"]
        if f["status"]:
            query["personnel_status"] = f["status"]
        if f["review_state"]:
            query["review_state"] = f["review_state"]
        if f["q"]:
            query["SearchableText"] = _searchable(f["q"])
        brains = api.portal.get_tool("portal_catalog")(**query)
        try:
            start = max(0, int(self.request.form.get("b_start", 0)))
        except (TypeError, ValueError):
            start = 0
        return Batch(brains, PAGE_SIZE, start)

    def can_add(self):
        return has_permission("sirhp: Add PersonnelFile", self.context)

    def can_add_unit(self):
        return has_permission("sirhp: Add Unit", self.context)


def _searchable(text):
    """Words as prefix searches, without the catalog's query operators."""
    words = ["".join(ch for ch in word if ch.isalnum()) for word in text.split()]
    words = [w for w in words if w and w.lower() not in ("and", "or", "not")]
    return " ".join(f"{w}*" for w in words[:8]) or None


class UnitView(SirhpView):
    def subunits(self):
        return api.portal.get_tool("portal_catalog")(
            portal_type="Unit",
            path={"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            sort_on="sortable_title",
        )

    def staff(self):
        return api.portal.get_tool("portal_catalog")(
            portal_type="PersonnelFile",
            unit=self.context.UID(),
            sort_on="sortable_title",
        )[:200]
