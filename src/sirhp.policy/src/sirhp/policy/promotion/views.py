"""The tableau d'avancement page: the ranking, each candidate's figures
(collapsed), the build button in draft, the commission's decision form in
``submitted`` (a reason field per row), the workflow buttons, the
effective date once decided, the acts once published.

Thin: every rule is ``sirhp.content.promotion.api``'s; a refusal is shown
as ``error.text(request)``. The forms ask what ``POST @promotion-table``
asks (build: ``sirhp: Manage promotion tables``; decisions: ``sirhp:
Decide promotions``, checked by the API).
"""

from plone import api
from plone.protect import CheckAuthenticator
from sirhp.content.permissions import AddPromotionTable
from sirhp.content.permissions import DecidePromotions
from sirhp.content.permissions import ManagePromotionTables
from sirhp.content.permissions import ViewFairness
from sirhp.content.promotion import api as promotion_api
from sirhp.content.promotion import rules
from sirhp.policy import _
from sirhp.policy.base.agency_list import AgencyListView
from sirhp.policy.base.views import format_date
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView

DECISION_LABELS = {
    rules.PROMOTED: _("promotion_decision_promoted", default="Promu"),
    rules.DEFERRED: _("promotion_decision_deferred", default="Ajourné"),
    rules.REFUSED: _("promotion_decision_refused", default="Refusé"),
}


class PromotionTableView(SirhpView):
    """The default view of a PromotionTable."""

    error = None
    saved = False

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                if "build" in form and self.may_build():
                    promotion_api.build(table=self.context)
                elif "decide" in form and self.may_decide():
                    promotion_api.decide(table=self.context, decisions=self.decisions())
            except promotion_api.PromotionError as error:
                self.error = error.text(self.request)
            else:
                self.saved = True
        return self.index()

    def decisions(self):
        form = self.request.form
        found = {}
        for index, row in enumerate(self.context.candidates or ()):
            decision = form.get(f"decision_{index}")
            if decision:
                found[row["uid"]] = {
                    "decision": decision,
                    "reason": form.get(f"reason_{index}", ""),
                }
        return found

    def state(self):
        return api.content.get_state(self.context)

    def may_build(self):
        return self.state() == "draft" and has_permission(
            ManagePromotionTables, self.context
        )

    def may_decide(self):
        return (
            self.state() == "submitted"
            and has_permission(DecidePromotions, self.context)
            and not promotion_api.prepared_by(self.context)
        )

    def decision_choices(self):
        return list(DECISION_LABELS.items())

    def rows(self):
        return [
            {
                **row,
                "index": index,
                "grade_since": format_date(row.get("grade_since")),
                "average": self.decimal(row.get("average"), 2),
                "score": self.decimal(row.get("score"), 2),
                "decision_label": DECISION_LABELS.get(row.get("decision"), ""),
            }
            for index, row in enumerate(self.context.candidates or ())
        ]

    def dates(self):
        return {
            "built_on": format_date(self.context.built_on),
            "decided_on": format_date(self.context.decided_on),
            "effective": format_date(self.context.effective),
        }

    def acts(self):
        portal_url = api.portal.get().absolute_url()
        root = "/".join(api.portal.get().getPhysicalPath())
        return [
            portal_url + path.removeprefix(root)
            for path in self.context.published_acts or ()
        ]

    def transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return [
            {"id": t["id"], "title": t["title"]}
            for t in workflow.getTransitionsFor(self.context)
        ]


class TablesView(AgencyListView):
    """``@@tableaux-avancement`` on an agency: its promotion tables, with
    the fairness page of the agency."""

    portal_type = "PromotionTable"
    add_permission = AddPromotionTable
    heading = _("tables_heading", default="Tableaux d'avancement")
    add_label = _("tables_add", default="Nouveau tableau")
    empty = _("tables_empty", default="Aucun tableau d'avancement.")
    page_links = (("equite", _("tables_fairness", default="Équité"), ViewFairness),)
