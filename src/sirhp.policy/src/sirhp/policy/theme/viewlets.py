"""The SIRHP header, navigation, footer and action bar (viewlets registered
for the ``sirhp.policy`` browser layer in place of Plone's)."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.memoize.view import memoize
from Products.CMFCore.utils import getToolByName
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from sirhp.content.changes.api import own_file
from sirhp.content.interfaces import IAgency
from sirhp.content.interfaces import IBadge
from sirhp.content.interfaces import IChangeRequest
from sirhp.content.interfaces import IDeploymentList
from sirhp.content.interfaces import IEvaluation
from sirhp.content.interfaces import ILeaveRequest
from sirhp.content.interfaces import IPersonnelFile
from sirhp.content.interfaces import IPromotionTable
from sirhp.content.interfaces import IRecruitmentCampaign
from sirhp.content.interfaces import IScannedDocument
from sirhp.content.interfaces import ITrainingSession
from sirhp.policy import _
from sirhp.policy.base.views import has_permission
from sirhp.policy.theme.navigation import navigation

TOOLBAR = "Show Toolbar"
BOTH_AGENCIES = _(
    "identity_agencies", default="Police nationale — Office Central des Stupéfiants"
)
# pages that show their own transition buttons (the action bar would repeat them)
OWN_ACTION_BAR = (
    IPersonnelFile,
    IScannedDocument,
    IBadge,
    IChangeRequest,
    IDeploymentList,
    IEvaluation,
    ILeaveRequest,
    IPromotionTable,
    IRecruitmentCampaign,
    ITrainingSession,
)


def agency_of(obj):
    """The agency ``obj`` is in, or None."""
    return next((item for item in aq_chain(obj) if IAgency.providedBy(item)), None)


class IdentityViewlet(ViewletBase):
    """SIRHP, the agency (the page's, or the user's), the flag stripe, and
    who is logged in with the way out (the toolbar's personal menu is for
    administrators only)."""

    index = ViewPageTemplateFile("templates/identity.pt")

    def agency(self):
        agency = agency_of(aq_inner(self.context))
        if agency is None and not api.user.is_anonymous():
            catalog = api.portal.get_tool("portal_catalog")
            brains = catalog(portal_type="Agency")
            if len(brains) == 1:
                return brains[0].Title
            mine = own_file()
            agency = agency_of(mine) if mine is not None else None
        return agency.Title() if agency is not None else BOTH_AGENCIES

    def user(self):
        """Name shown beside the log-out link; None for anonymous users and
        for those who have the toolbar (its personal menu does it)."""
        if api.user.is_anonymous() or has_permission(TOOLBAR, self.context):
            return None
        user = api.user.get_current()
        return user.getProperty("fullname") or user.getUserName()


class NavigationViewlet(ViewletBase):
    """The SIRHP pages the user may use (sirhp.policy.theme.navigation)."""

    index = ViewPageTemplateFile("templates/navigation.pt")

    def items(self):
        return navigation(self.request)


class FooterViewlet(ViewletBase):
    """One line of identity: no portlets, no colophon."""

    index = ViewPageTemplateFile("templates/footer.pt")


class NothingViewlet(ViewletBase):
    """Takes the place of a Plone viewlet SIRHP does not show."""

    def index(self):
        return ""


class ActionBarViewlet(ViewletBase):
    """The workflow transitions and the edit link of a SIRHP object, as
    plain links, on its page, for users without the toolbar."""

    index = ViewPageTemplateFile("templates/actionbar.pt")

    def available(self):
        context = aq_inner(self.context)
        if any(iface.providedBy(context) for iface in OWN_ACTION_BAR):
            return False
        if api.user.is_anonymous() or has_permission(TOOLBAR, context):
            return False
        return self.context_state.is_view_template()

    @memoize
    def transitions(self):
        workflow = getToolByName(self.context, "portal_workflow")
        return [
            {"id": info["id"], "title": info["title"], "url": info["url"]}
            for info in workflow.listActionInfos(object=aq_inner(self.context))
            if info.get("allowed", True) and info.get("category") == "workflow"
        ]

    def can_edit(self):
        return has_permission("Modify portal content", self.context)

    def update(self):
        super().update()
        self.show = self.available() and bool(self.transitions() or self.can_edit())
