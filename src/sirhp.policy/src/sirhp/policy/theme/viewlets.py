"""The SIRHP header, navigation, footer and action bar (viewlets registered
for the ``sirhp.policy`` browser layer in place of Plone's)."""

from Acquisition import aq_chain
from Acquisition import aq_inner
import os
from plone import api
import plone.app.layout.viewlets
from plone.app.layout.viewlets.common import PersonalBarViewlet
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
from zope.component import getMultiAdapter

TOOLBAR = "Show Toolbar"
PLONE_VIEWLETS = os.path.dirname(plone.app.layout.viewlets.__file__)
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
    """SIRHP, the agency (the page's, or the user's) and the flag stripe, in
    place of Plone's logo."""

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


class UserViewlet(PersonalBarViewlet):
    """Who is logged in and the way out, as a plain link (Plone's personal
    menu is a drop-down that needs its scripts, and the toolbar's is for
    administrators, who keep Plone's menu)."""

    index = ViewPageTemplateFile(os.path.join(PLONE_VIEWLETS, "membertools.pt"))
    user_index = ViewPageTemplateFile("templates/user.pt")

    def render(self):
        if self.anonymous or has_permission(TOOLBAR, self.context):
            return super().render()
        return self.user_index()


class NavigationViewlet(ViewletBase):
    """The SIRHP pages the user may use (sirhp.policy.theme.navigation)."""

    index = ViewPageTemplateFile("templates/navigation.pt")

    def items(self):
        return navigation(self.request)


class FooterViewlet(ViewletBase):
    """One line of identity: no footer portlets, so no colophon and no site
    actions. Marked up as Plone's signature portlet, the one the
    Barceloneta theme's rules place in its footer (in a ``row``: what is
    not is appended to the page)."""

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
        context_state = getMultiAdapter(
            (context, self.request), name="plone_context_state"
        )
        return context_state.is_view_template()

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
