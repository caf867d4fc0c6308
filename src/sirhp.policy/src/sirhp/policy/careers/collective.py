"""Collective decisions in the browser: ``@@acte-collectif`` (choose the
officers, preview, file the acts) and ``@@decision-collective`` (a batch:
its acts, Soumettre le lot / Valider le lot). Thin: they call
``sirhp.content.careers.collective`` / ``collective_batch`` and show
``error.text(request)``. Permissions as REST: ``@@acte-collectif`` as
``POST @collective-act``; ``@@decision-collective`` as
``@collective-decision`` (View; the workflow's guards decide)."""

from functools import cached_property
from plone import api
from plone.protect import CheckAuthenticator
from Products.statusmessages.interfaces import IStatusMessage
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.errors import SirhpNotFound
from sirhp.content.careers import collective
from sirhp.content.careers import collective_batch
from sirhp.content.careers import collective_select
from sirhp.policy import _
from sirhp.policy.base.views import SirhpView
from zExceptions import NotFound

MSG_FILED = _(
    "notice_collective_filed",
    default="Décision enregistrée : un acte en brouillon par agent concerné.",
)
MSG_TRANSITIONED = _(
    "notice_collective_transitioned", default="Lot traité : tous ses actes ont suivi."
)
VALUE_FIELDS = ("resulting_grade", "resulting_status", "resulting_position")


class CollectiveActForm(SirhpView):
    """Choose the officers, preview them (nothing stored), then file."""

    error = None
    preview = None

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                if "form.create" in form:
                    return self.create()
                self.preview = self.officers()
            except SirhpError as error:
                self.error = error.text(self.request)
        return self.index()

    def selection(self):
        form = self.request.form
        if form.get("by") == "filter":
            return {
                "matricules": None,
                "unit": form.get("unit") or None,
                "grade": form.get("grade") or None,
            }
        return {
            "matricules": collective_select.split_matricules(form.get("matricules")),
            "unit": None,
            "grade": None,
        }

    def officers(self):
        brains = collective_select.officers(agency=self.context, **self.selection())
        return [{"matricule": b.matricule, "title": b.Title} for b in brains]

    def create(self):
        form = self.request.form
        upload = form.get("scan")
        scan = None
        if upload and getattr(upload, "filename", ""):
            scan = collective.decision_scan(upload.filename, upload.read())
        values = {k: form[k] for k in VALUE_FIELDS if form.get(k)}
        if form.get("resulting_echelon"):
            values["resulting_echelon"] = _int(form["resulting_echelon"])
        if form.get("resulting_unit"):
            values["resulting_unit"] = form["resulting_unit"]
        result = collective.collective_act(
            agency=self.context,
            event_type=form.get("event_type"),
            event_date=form.get("event_date"),
            reference=form.get("reference"),
            values=values,
            scan=scan,
            **self.selection(),
        )
        IStatusMessage(self.request).add(MSG_FILED, type="info")
        return self.request.response.redirect(
            f"{self.context.absolute_url()}/@@decision-collective?id={result.id}"
        )

    def event_types(self):
        return self.labels.items("sirhp.content.event_types")

    def grades(self):
        return self.labels.items("sirhp.content.grades")

    def statuses(self):
        return self.labels.items("sirhp.content.personnel_status")

    def units(self):
        brains = api.content.find(
            context=self.context, portal_type="Unit", sort_on="sortable_title"
        )
        return [{"value": b.UID, "title": b.Title} for b in brains]


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None  # the act's schema refuses nothing here: no echelon set


class CollectiveDecisionView(SirhpView):
    """A batch: its acts and states; submit or validate it as the workflow
    allows the reader (four eyes, act by act)."""

    @cached_property
    def decision(self):
        return self.request.form.get("id") or ""

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            messages = IStatusMessage(self.request)
            try:
                collective_batch.transition_decision(
                    agency=self.context,
                    decision=self.decision,
                    transition=self.request.form.get("transition"),
                    comment=self.request.form.get("comment") or None,
                )
                messages.add(MSG_TRANSITIONED, type="info")
            except SirhpNotFound:
                raise NotFound(self.decision) from None
            except SirhpError as error:
                messages.add(error.text(self.request), type="error")
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@decision-collective"
                f"?id={self.decision}"
            )
        return self.index()

    @cached_property
    def items(self):
        try:
            items = collective_batch.decision(
                agency=self.context, decision=self.decision
            )
        except SirhpNotFound:
            raise NotFound(self.decision) from None
        for item in items:
            item["state_title"] = self.state_label(item["state"])
        return items

    def may(self, transition):
        """May the reader fire ``transition`` on the batch? Asked of one act
        waiting for it (the API asks every act)."""
        waiting = [
            i
            for i in self.items
            if i["state"] == collective_batch.TRANSITIONS[transition]
        ]
        if not waiting:
            return False
        act = api.content.get(path=waiting[0]["path"])
        workflow = api.portal.get_tool("portal_workflow")
        return any(t["id"] == transition for t in workflow.getTransitionsFor(act))
