"""@@resultats on a campaign: the ranking (main list per region with the
why of every candidate, waiting lists, candidates out, vacant posts) and,
once published, the button making the admitted candidates' draft files.

Thin: ``sirhp.content.recruitment.api.results`` and
``admissions.create_files`` decide; the page asks the permissions of
``GET @recruitment-results`` and ``POST @admissions``.
"""

from plone import api
from plone.protect import CheckAuthenticator
from sirhp.content.base.errors import SirhpError
from sirhp.content.permissions import AddPersonnelFile
from sirhp.content.permissions import ManageRecruitment
from sirhp.content.recruitment import admissions
from sirhp.content.recruitment import api as recruitment
from sirhp.content.vocabularies.units import find_agency
from sirhp.policy import _
from sirhp.policy.base.views import has_permission
from sirhp.policy.recruitment.views import RecruitmentView
import transaction

BY = {
    "quota": _("recruitment_by_quota", default="Quota régional"),
    "national": _("recruitment_by_national", default="Mérite national"),
}


class ResultsView(RecruitmentView):
    """The results, stored from ``propose_results`` (else computed now)."""

    report = None

    def __call__(self):
        if self.request.method == "POST" and "admit" in self.request.form:
            CheckAuthenticator(self.request)
            form = self.request.form
            try:
                self.report = admissions.create_files(
                    campaign=self.context,
                    hire_date=form.get("hire_date"),
                    unit=form.get("unit") or None,
                    session=form.get("session") or None,
                    request=self.request,
                )
            except SirhpError as error:
                # nothing kept half-way
                transaction.doom()
                self.error = error.text(self.request)
            else:
                self.saved = True
        return self.index()

    def results(self):
        table = recruitment.results(campaign=self.context, request=self.request)
        for row in table["main"]:
            row["by_label"] = BY.get(row["by"], row["by"])
        for row in table["main"] + [r for w in table["waiting"] for r in w["items"]]:
            row["total"] = self.decimal(row.get("total"))
        return table

    def may_admit(self):
        """The button: published results, for who manages recruitment and
        may add files to the agency (HR managers)."""
        return (
            self.state() == "published"
            and has_permission(ManageRecruitment, self.context)
            and has_permission(AddPersonnelFile, find_agency(self.context))
        )

    def sessions(self):
        """The agency's planned training sessions (the école de police the
        admitted may be enrolled in once their files are validated)."""
        agency = find_agency(self.context)
        return [
            {"uid": brain.UID, "title": brain.Title}
            for brain in api.content.find(
                context=agency,
                portal_type="TrainingSession",
                review_state="planned",
                sort_on="sortable_title",
            )
        ]

    def units(self):
        agency = find_agency(self.context)
        return [
            {"uid": brain.UID, "title": brain.Title}
            for brain in api.content.find(
                context=agency, portal_type="Unit", sort_on="sortable_title"
            )
        ]
