"""Agency listing with filters, and the unit page. Catalog metadata only.
The filters and their query: ``sirhp.policy.base.personnel_search`` (the
nominative lists run the same)."""

from functools import cached_property
from plone import api
from plone.batching import Batch
from sirhp.policy.base import personnel_search
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView

PAGE_SIZE = 50


class AgencyListingView(SirhpView):
    def path(self):
        return personnel_search.path_of(self.context)

    def units(self):
        return personnel_search.units(self.context)

    @cached_property
    def chosen(self):
        return personnel_search.filters(self.context, self.request.form, self.labels)

    def filters(self):
        return self.chosen

    def states(self):
        return [{"value": v, "title": t} for v, t in personnel_search.STATES]

    def results(self):
        brains = personnel_search.search(self.context, self.chosen)
        try:
            start = max(0, int(self.request.form.get("b_start", 0)))
        except (TypeError, ValueError):
            start = 0
        return Batch(brains, PAGE_SIZE, start)

    def list_url(self, extension):
        """The nominative list of the current filters (PDF or XLSX)."""
        base = f"{self.context.absolute_url()}/@@liste-nominative.{extension}"
        query = personnel_search.querystring(self.chosen)
        return f"{base}?{query}" if query else base

    def can_add(self):
        return has_permission("sirhp: Add PersonnelFile", self.context)

    def can_add_unit(self):
        return has_permission("sirhp: Add Unit", self.context)


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
