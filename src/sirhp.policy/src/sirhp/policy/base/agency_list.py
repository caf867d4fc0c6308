"""An agency's page of one kind of HR object (evaluation campaigns,
promotion tables, concours): the list a module's managers start from.

Each module registers a subclass on ``IAgency`` with its type, the
permission of the page (zcml) and of the add button, and its labels. The
list comes from the catalog only (title, state, creation date: metadata,
no object loaded), so each user sees the objects the catalog lets them
find, and the add button shows only to who may add one there.
"""

from plone import api
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView
from sirhp.policy.base.views import STATE_LABELS


class AgencyListView(SirhpView):
    """``@@<name>`` on an agency: its objects of ``portal_type``, newest
    first (subclasses set the class attributes)."""

    portal_type = None  # the listed type
    add_permission = None  # who sees "add"
    heading = None  # message: the page's title
    add_label = None  # message: the add button
    empty = None  # message: nothing to list
    item_view = ""  # a view of each object linked from the list ("": itself)
    show_state = True  # False for a type whose workflow has one state
    page_links = ()  # ((view on the agency, message, permission), ...)

    def items(self):
        """Catalog entries of the agency's objects the user may find:
        [{"title", "url", "state", "review_state", "created"}]."""
        workflow = api.portal.get_tool("portal_workflow")
        brains = api.portal.get_tool("portal_catalog")(
            portal_type=self.portal_type,
            path="/".join(self.context.getPhysicalPath()),
            sort_on="created",
            sort_order="descending",
        )
        suffix = f"/@@{self.item_view}" if self.item_view else ""
        return [
            {
                "title": brain.Title,
                "url": brain.getURL() + suffix,
                "review_state": brain.review_state,
                "state": self._state(workflow, brain.review_state),
                "created": self.format_date(brain.created),
            }
            for brain in brains
        ]

    def _state(self, workflow, state):
        if state in STATE_LABELS:
            return self.state_label(state)
        return workflow.getTitleForStateOnType(state, self.portal_type)

    def add_url(self):
        """The add form, for who may add one here (else None)."""
        if has_permission(self.add_permission, self.context) and has_permission(
            "Add portal content", self.context
        ):
            return f"{self.context.absolute_url()}/++add++{self.portal_type}"
        return None

    def links(self):
        """The agency's pages that go with the list, those the user may open."""
        url = self.context.absolute_url()
        return [
            {"url": f"{url}/@@{name}", "label": label}
            for name, label, permission in self.page_links
            if has_permission(permission, self.context)
        ]
