"""Recruitment pages: the campaign, a new candidate, a candidate's marks,
the marks spreadsheet (template, upload -> dry run -> confirm) and the
statistics.

Thin: every rule is ``sirhp.content.recruitment.api``'s; a refusal is shown
as ``error.text(request)``. Each page asks the permission of the REST
service doing the same (``sirhp: Manage recruitment``; the statistics:
``sirhp: View recruitment statistics``).
"""

import base64
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.protect import CheckAuthenticator
from sirhp.content.permissions import AddRecruitmentCampaign
from sirhp.content.permissions import ManageRecruitment
from sirhp.content.recruitment import api as recruitment
from sirhp.policy import _
from sirhp.policy.base.agency_list import AgencyListView
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import SirhpView

STATES = {
    "draft": _("state_draft", default="Brouillon"),
    "open": _("state_recruitment_open", default="Candidatures ouvertes"),
    "closed": _("state_recruitment_closed", default="Candidatures closes"),
    "results_proposed": _("state_results_proposed", default="Résultats proposés"),
    "published": _("state_results_published", default="Résultats publiés"),
}
STATUSES = {
    "pending": _("candidate_pending", default="En cours"),
    "admissible": _("candidate_admissible", default="Admissible"),
    "eliminated": _("candidate_eliminated", default="Éliminé"),
}
MSG_NO_FILE = _("error_recruitment_no_file", default="Choisissez un fichier XLSX.")


class RecruitmentView(SirhpView):
    error = None
    saved = False

    def state(self):
        return api.content.get_state(self.campaign())

    def campaign(self):
        return self.context

    def campaign_state_label(self):
        return STATES.get(self.state(), self.state())

    def status_label(self, status):
        return STATUSES.get(status, status)

    def manages(self):
        return has_permission(ManageRecruitment, self.context)

    def _attempt(self, call):
        CheckAuthenticator(self.request)
        try:
            result = call()
        except recruitment.RecruitmentError as error:
            self.error = error.text(self.request)
            return None
        self.saved = True
        return result


class CampaignView(RecruitmentView):
    """The default view of a RecruitmentCampaign: stages, quotas, counts,
    candidates (only for who manages recruitment), workflow buttons."""

    def stages(self):
        return recruitment.stages_of(self.context)

    def quotas(self):
        regions, sexes = recruitment.quotas_of(self.context)
        return [
            {"label": self.labels("sirhp.content.regions", code), "posts": posts}
            for code, posts in regions.items()
        ] + [
            {"label": self.labels("sirhp.content.sex", code), "posts": posts}
            for code, posts in sexes.items()
        ]

    def counts(self):
        return recruitment.statistics(campaign=self.context)

    def candidates(self):
        if not self.manages():
            return []
        rows = recruitment.candidates(campaign=self.context)
        for row in rows:
            row["region_label"] = self.labels("sirhp.content.regions", row["region"])
            row["status_label"] = self.status_label(row["status"])
        return rows

    def transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return [
            {"id": t["id"], "title": t["title"]}
            for t in workflow.getTransitionsFor(self.context)
        ]


class AddCandidateForm(RecruitmentView):
    """@@ajouter-candidat on a campaign: the candidate's identity."""

    def __call__(self):
        if self.request.method == "POST":
            candidate = self._attempt(self._add)
            if candidate is not None:
                return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def _add(self):
        form = self.request.form
        names = ("last_name", "first_names", "nina", "sex", "birth_date")
        data = {name: (form.get(name) or "").strip() for name in names}
        data["region_of_origin"] = form.get("region_of_origin") or ""
        upload = form.get("diploma")
        if upload and getattr(upload, "filename", ""):
            data["diploma"] = NamedBlobFile(
                data=upload.read(), filename=upload.filename
            )
        return recruitment.add_candidate(campaign=self.context, **data)

    def regions(self):
        return self.labels.items("sirhp.content.regions")

    def sexes(self):
        return self.labels.items("sirhp.content.sex")


class CandidateScoresForm(RecruitmentView):
    """@@notes on a candidate: marks per stage, elimination with a reason."""

    def campaign(self):
        return recruitment.campaign_of(self.context)

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST":
            if "eliminate" in form:
                self._attempt(
                    lambda: recruitment.eliminate(
                        candidate=self.context,
                        stage=form.get("stage", ""),
                        reason=form.get("reason", ""),
                    )
                )
            else:
                marks = {
                    s.code: form[f"mark_{s.code}"]
                    for s in self.stages()
                    if (form.get(f"mark_{s.code}") or "").strip()
                }
                self._attempt(
                    lambda: recruitment.set_scores(candidate=self.context, scores=marks)
                )
        return self.index()

    def stages(self):
        return recruitment.stages_of(self.campaign())

    def row(self):
        row = recruitment.candidate_row(self.context, self.stages())
        row["status_label"] = self.status_label(row["status"])
        return row


class ImportScoresForm(RecruitmentView):
    """@@import-notes on a campaign: upload, the dry run's report, then
    confirm (the same file, carried in the form)."""

    report = None
    data = ""

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST":
            upload = form.get("file")
            if upload and getattr(upload, "filename", ""):
                self.data = base64.b64encode(upload.read()).decode()
            else:
                self.data = form.get("data", "")
            if not self.data:
                self.error = recruitment.RecruitmentError(MSG_NO_FILE).text(
                    self.request
                )
                return self.index()
            self.report = self._attempt(
                lambda: recruitment.import_scores(
                    campaign=self.context,
                    data=base64.b64decode(self.data),
                    dry_run="confirm" not in form,
                )
            )
            self.saved = bool(self.report and self.report["stored"])
        return self.index()


class ScoresTemplate(RecruitmentView):
    """@@modele-notes.xlsx: NINA then one column per stage code."""

    def __call__(self):
        data = recruitment.template(campaign=self.context)
        response = self.request.response
        response.setHeader(
            "Content-Type",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response.setHeader(
            "Content-Disposition", 'attachment; filename="modele-notes.xlsx"'
        )
        return data


class StatisticsView(RecruitmentView):
    """@@statistiques-recrutement: counts by region and sex vs quota."""

    def table(self):
        stats = recruitment.statistics(campaign=self.context)
        for row in stats["by_region"]:
            row["label"] = self.labels("sirhp.content.regions", row["code"]) or "—"
        for row in stats["by_sex"]:
            row["label"] = self.labels("sirhp.content.sex", row["code"]) or "—"
        return stats


class RecruitmentCampaignsView(AgencyListView):
    """``@@campagnes-recrutement`` on an agency: its recruitment campaigns
    (concours)."""

    portal_type = "RecruitmentCampaign"
    add_permission = AddRecruitmentCampaign
    heading = _("recruitment_campaigns_heading", default="Campagnes de recrutement")
    add_label = _("recruitment_campaigns_add", default="Nouvelle campagne")
    empty = _("recruitment_campaigns_empty", default="Aucune campagne de recrutement.")
