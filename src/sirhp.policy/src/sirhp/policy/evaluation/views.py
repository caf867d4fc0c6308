"""The evaluation page: marks, computed mark, assessment, the officer's
remarks or contest, the revision; the marks form for the evaluator (draft);
the transitions the reader may make (acknowledge, contest, revise,
validate), through the shared transition form. One page for everybody,
narrow screens first (the officer answers from a phone).

Thin: every rule is ``sirhp.content.evaluation.api``'s; a refusal is shown
as ``error.text(request)``. The marks form asks what ``POST @evaluation``
asks (``sirhp: Evaluate``, checked by the API).
"""

from datetime import date
from plone import api
from plone.protect import CheckAuthenticator
from sirhp.content.base.number_rules import typed
from sirhp.content.content.field_access import may_read_field
from sirhp.content.evaluation import api as evaluation_api
from sirhp.content.evaluation import rules as evaluation_rules
from sirhp.content.permissions import AddEvaluationCampaign
from sirhp.content.permissions import EvaluateOfficer
from sirhp.policy import _
from sirhp.policy.base.agency_list import AgencyListView
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView


class EvaluationView(SirhpView):
    """The default view of an Evaluation."""

    error = None
    saved = False
    revised = False

    def __call__(self):
        if self.request.method == "POST":
            revising = "form.revise" in self.request.form
            if revising and self.may_revise() or self.may_evaluate():
                CheckAuthenticator(self.request)
                try:
                    self.revise() if revising else self.save()
                except evaluation_api.EvaluationError as error:
                    self.request.response.setStatus(400)
                    self.error = error.text(self.request)
                else:
                    self.revised, self.saved = revising, not revising
        return self.index()

    def typed_marks(self):
        """The marks typed in the form, French decimals accepted."""
        form = self.request.form
        marks = {}
        for index, (criterion, _weight, _mark) in enumerate(self.criteria()):
            value = (form.get(f"mark_{index}") or "").strip()
            if value:
                marks[criterion] = typed(value)
        return marks

    def save(self):
        return evaluation_api.set_marks(
            evaluation=self.context,
            marks=self.typed_marks(),
            assessment=self.request.form.get("assessment"),
        )

    def revise(self):
        """The second-level reviewer answers the contest: a reason, and the
        marks (changed or not); the API refuses the parties."""
        return evaluation_api.revise(
            evaluation=self.context,
            reason=self.request.form.get("reason"),
            marks=self.typed_marks(),
        )

    def may_revise(self):
        """The workflow offers ``revise`` (contested, sirhp: Review
        evaluation, neither the officer nor the evaluator)."""
        return any(t["id"] == "revise" for t in self._transitions())

    def state(self):
        return api.content.get_state(self.context)

    def answer_deadline(self):
        """While the evaluation waits for its officer: ``{"day", "passed"}``,
        the last day to acknowledge or contest and whether it is over (the
        silence then counts as acknowledged); else None."""
        evaluation = self.context
        if self.state() != "to_acknowledge" or evaluation.notified_on is None:
            return None
        last = evaluation_rules.acknowledge_deadline(
            evaluation.notified_on, evaluation.acknowledge_days
        )
        return {"day": self.format_date(last), "passed": date.today() > last}

    def may_evaluate(self):
        return has_permission(EvaluateOfficer, self.context)

    def may_read_marks(self):
        return may_read_field(self.context, "marks")

    def number(self, value):
        """A mark as the page shows it: "13,80" (stored and sent over REST
        as "13.80"), nothing for no mark."""
        return self.decimal(value, empty="")

    def criteria(self):
        """``[(criterion, weight, mark)]`` in the grid's order."""
        marks = self.context.marks or {}
        return [
            (criterion, weight, marks.get(criterion, ""))
            for criterion, weight in (self.context.grid or {}).items()
        ]

    def _transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return [
            {"id": t["id"], "title": t["title"]}
            for t in workflow.getTransitionsFor(self.context)
        ]

    def transitions(self):
        """The transitions offered as buttons (``revise`` has its form)."""
        return [t for t in self._transitions() if t["id"] != "revise"]


class CampaignsView(AgencyListView):
    """``@@campagnes-evaluation`` on an agency: its evaluation campaigns,
    each linked to its follow-up."""

    portal_type = "EvaluationCampaign"
    add_permission = AddEvaluationCampaign
    heading = _("campaigns_heading", default="Campagnes d'évaluation")
    add_label = _("campaigns_add", default="Nouvelle campagne")
    empty = _("campaigns_empty", default="Aucune campagne d'évaluation.")
    item_view = "suivi-campagne"
    show_state = False  # one state (the catalogue's)
