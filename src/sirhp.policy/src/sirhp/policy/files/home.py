"""Home page (Accueil): each role sees first what it has to do."""

from datetime import date
from datetime import timedelta
from plone import api
from sirhp.content.api import COMMANDERS_GROUP_PREFIX
from sirhp.content.changes.api import queue_counts
from sirhp.content.changes.api import QUEUE_TYPES
from sirhp.content.evaluation.follow_up import to_fill
from sirhp.content.leave.api import absent
from sirhp.content.permissions import AddBadgePrintBatch
from sirhp.content.permissions import AddPersonnelFile
from sirhp.content.permissions import AddRecruitmentCampaign
from sirhp.content.permissions import IssueAttestations
from sirhp.content.permissions import ManageReferentials
from sirhp.content.permissions import PrepareAttestations
from sirhp.content.permissions import SearchDeployment
from sirhp.content.permissions import ViewAttestationRegister
from sirhp.content.permissions import ViewCampaignFollowUp
from sirhp.content.permissions import ViewFairness
from sirhp.content.permissions import ViewIndicators
from sirhp.content.permissions import ViewRetirements
from sirhp.content.worklists import api as worklists
from sirhp.policy import _
from sirhp.policy import config
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView
from sirhp.policy.base.views import waiting_time
from sirhp.policy.permissions import ViewAuditJournal

# who decides leave on an agency's files (with the units' commanders)
LEAVE_DECIDERS = {"HRManager", "Manager", "Site Administrator"}
RECORD_TYPES = ["PersonnelFile", "ScannedDocument", "CareerEvent"]
LIMIT = 50  # certificates listed on the home page (the register has them all)
# The pages of each role, linked from the home page: (view, title, permission)
SITE_PAGES = (
    (
        "referentiels-statut",
        _("link_referentials", default="Référentiels"),
        ManageReferentials,
    ),
    ("journal", _("link_journal", default="Journal"), ViewAuditJournal),
)
AGENCY_PAGES = (
    (
        "impression-cartes",
        _("link_badge_printing", default="Impression des cartes"),
        AddBadgePrintBatch,
    ),
    (
        "pieces-en-attente",
        _("link_holding", default="Pièces en attente"),
        AddPersonnelFile,
    ),
    (
        "campagnes-evaluation",
        _("link_evaluation_campaigns", default="Campagnes d'évaluation"),
        ViewCampaignFollowUp,
    ),
    (
        "tableaux-avancement",
        _("link_promotion_tables", default="Tableaux d'avancement"),
        ViewFairness,
    ),
    ("journal", _("link_journal", default="Journal"), ViewAuditJournal),
)


class HomeView(SirhpView):
    max_items = 30

    def __call__(self):
        # An officer (no staff role) lands on "Mon dossier".
        if not self.is_anonymous() and self.is_officer_only():
            return self.request.response.redirect(
                f"{api.portal.get().absolute_url()}/@@mon-dossier"
            )
        return self.index()

    def is_officer_only(self):
        user = api.user.get_current()
        groups = set(user.getGroups() or [])
        if config.OFFICERS_GROUP not in groups:
            return False
        staff = {
            g for g in groups if g not in (config.OFFICERS_GROUP, "AuthenticatedUsers")
        }
        roles = set(user.getRoles()) - {"Member", "Authenticated"}
        return not staff and not roles and self.my_file() is not None

    def is_anonymous(self):
        return api.user.is_anonymous()

    def user_id(self):
        return api.user.get_current().getId()

    def catalog(self, **query):
        return api.portal.get_tool("portal_catalog")(**query)

    def agencies(self):
        """Agencies the user works in, with their files counted by state."""
        result = []
        for brain in self.catalog(portal_type="Agency", sort_on="sortable_title"):
            path = brain.getPath()
            counts = {}
            for state in ("draft", "pending", "validated", "archived"):
                counts[state] = len(
                    self.catalog(
                        portal_type="PersonnelFile", path=path, review_state=state
                    )
                )
            agency = brain.getObject()
            result.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "path": path,
                    "counts": counts,
                    "can_add": has_permission("sirhp: Add PersonnelFile", agency),
                    "can_review": has_permission("Review portal content", agency),
                    "can_see_retirements": has_permission(ViewRetirements, agency),
                    "can_see_dashboard": has_permission(ViewIndicators, agency),
                    "can_search_staff": has_permission(SearchDeployment, agency),
                    "can_see_register": has_permission(ViewAttestationRegister, agency),
                    "add_url": f"{brain.getURL()}/++add++PersonnelFile",
                }
            )
        return result

    def attestations_to_issue(self, agencies):
        """Certificates requested or prepared in the agencies whose register
        the user keeps, that he may prepare or issue (the workflow grants it
        per request), oldest first; at most ``LIMIT``."""
        paths = [agency["path"] for agency in agencies if agency["can_see_register"]]
        if not paths:
            return []
        result = []
        for brain in self.catalog(
            portal_type="AttestationRequest",
            review_state=["requested", "prepared"],
            path=paths,
            sort_on="created",
        ):
            document = brain.getObject()
            if has_permission(IssueAttestations, document) or has_permission(
                PrepareAttestations, document
            ):
                result.append({"url": brain.getURL(), "title": brain.Title})
            if len(result) >= LIMIT:
                break
        return result

    def recruitment(self):
        """The campaigns I may see and the agencies where I may open one
        (with the add form's own permission). A recruitment officer does not
        see the agency itself: its agencies are found unrestricted, and
        shown only where he may add a campaign."""
        catalog = api.portal.get_tool("portal_catalog")
        agencies = []
        for brain in catalog.unrestrictedSearchResults(
            portal_type="Agency", sort_on="sortable_title"
        ):
            agency = brain._unrestrictedGetObject()
            if has_permission(AddRecruitmentCampaign, agency) and has_permission(
                "Add portal content", agency
            ):
                agencies.append(
                    {
                        "title": brain.Title,
                        "add_url": f"{brain.getURL()}/++add++RecruitmentCampaign",
                    }
                )
        if not agencies:
            return None
        workflow = api.portal.get_tool("portal_workflow")
        campaigns = [
            {
                "url": brain.getURL(),
                "title": brain.Title,
                "state": workflow.getTitleForStateOnType(
                    brain.review_state, "RecruitmentCampaign"
                ),
            }
            for brain in self.catalog(
                portal_type="RecruitmentCampaign",
                sort_on="created",
                sort_order="descending",
            )[: self.max_items]
        ]
        return {"agencies": agencies, "campaigns": campaigns}

    def can_file(self, agencies):
        return any(a["can_add"] for a in agencies)

    def can_review(self, agencies):
        return any(a["can_review"] for a in agencies)

    def my_drafts(self):
        """Drafts I created; those sent back by a reviewer come first."""
        brains = self.catalog(
            portal_type=RECORD_TYPES,
            review_state="draft",
            Creator=self.user_id(),
            sort_on="modified",
            sort_order="descending",
        )[: self.max_items]
        items = [self._item(b) for b in brains]
        for item, brain in zip(items, brains, strict=True):
            if item["rejected"]:
                found = worklists.rejection(brain.getObject())
                item["rejection"] = found and dict(
                    found, date=self.format_datetime(found["time"])
                )
        items.sort(key=lambda item: not item["rejected"])
        return items

    def links(self, agencies):
        """The pages of my roles, only those I may open (their permission,
        by name, where the page is registered)."""
        portal = api.portal.get()
        result = [
            {"id": page, "title": title, "url": f"{portal.absolute_url()}/@@{page}"}
            for page, title, permission in SITE_PAGES
            if has_permission(permission, portal)
        ]
        for agency in agencies:
            obj = api.content.get(path=agency["path"])
            for page, title, permission in AGENCY_PAGES:
                if has_permission(permission, obj):
                    result.append(
                        {
                            "id": page,
                            "title": title,
                            "agency": agency["title"],
                            "url": f"{agency['url']}/@@{page}",
                        }
                    )
        return result

    def waiting(self):
        """Everything waiting for validation I can see, oldest first."""
        brains = self.catalog(
            portal_type=list(QUEUE_TYPES),
            review_state="pending",
            sort_on="state_since",
            sort_order="ascending",
        )
        return {
            "count": len(brains),
            # one catalog count per type (no walk over the brains)
            "by_type": {
                QUEUE_TYPES[portal_type]: count
                for portal_type, count in queue_counts().items()
            },
            "entries": [self._item(b) for b in brains[: self.max_items]],
        }

    def my_file(self):
        brains = self.catalog(
            portal_type="PersonnelFile",
            matricule=self.user_id(),
            review_state="validated",
        )
        return brains[0] if brains else None

    def is_commander(self):
        """Am I in a unit's commanders group (local roles on my units)?"""
        user = api.user.get_current()
        return any(
            g.startswith(COMMANDERS_GROUP_PREFIX) for g in (user.getGroups() or [])
        )

    def commanded_files(self):
        """Validated files of the units I command (only those I may see)."""
        if not self.is_commander():
            return None
        brains = self.catalog(
            portal_type="PersonnelFile",
            review_state="validated",
            sort_on="sortable_title",
        )
        today = date.today()
        return {
            "count": len(brains),
            "entries": brains[: self.max_items],
            "absent": absent(unit_or_agency=None, start=today),
            "absent_week": [
                dict(item, period=self._period(item))
                for item in absent(
                    unit_or_agency=None,
                    start=today - timedelta(days=today.weekday()),
                    end=today + timedelta(days=6 - today.weekday()),
                )
            ],
        }

    def _period(self, item):
        """``dd/mm/yyyy → dd/mm/yyyy`` of an absence (ISO dates)."""
        start, end = (date.fromisoformat(item[key]) for key in ("start", "end"))
        return f"{self.format_date(start)} → {self.format_date(end)}"

    def _may_decide_leave(self):
        if self.is_commander():
            return True
        user = api.user.get_current()
        return any(
            LEAVE_DECIDERS & set(api.user.get_roles(user=user, obj=brain.getObject()))
            for brain in self.catalog(portal_type="Agency")
        )

    def leave_to_decide(self):
        """Leave requests waiting for a decision that I may take (the unit's
        commander, an HR manager; never my own): catalog, then the workflow's
        own guard on the few found, soonest first. Only for who may decide
        somewhere (a commander, an agency's HR manager): nobody else pays
        for it on every home page."""
        if not self._may_decide_leave():
            return []
        brains = self.catalog(
            portal_type="LeaveRequest",
            review_state="requested",
            sort_on="leave_start",
        )
        wftool = api.portal.get_tool("portal_workflow")
        result = []
        for brain in brains[: self.max_items]:
            leave = brain.getObject()
            actions = {t["id"] for t in wftool.getTransitionsFor(leave)}
            if "approve" not in actions:
                continue
            file = leave.aq_parent
            result.append(
                {
                    "url": brain.getURL(),
                    "title": brain.Title,
                    "officer": file.Title(),
                    "matricule": getattr(file, "matricule", ""),
                }
            )
        return result

    def evaluations_to_fill(self):
        """Draft evaluations I am to fill: only a unit's commander evaluates;
        nobody else pays, on every home page, for the drafts they may read
        (an HR manager reads a whole campaign's)."""
        if not self.is_commander():
            return []
        return to_fill(limit=self.max_items)

    def _item(self, brain):
        return {
            "title": brain.Title,
            "url": brain.getURL(),
            "type": QUEUE_TYPES.get(brain.portal_type, brain.portal_type),
            "matricule": brain.matricule,
            "since": self.format_datetime(brain.state_since),
            "waiting": waiting_time(brain.state_since),
            "rejected": brain.last_transition == "reject",
        }
