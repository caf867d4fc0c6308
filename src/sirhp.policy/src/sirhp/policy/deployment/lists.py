"""Deployment lists' pages: « Enregistrer comme liste » on the finder, the
list's page, its nominative list as XLSX and PDF. Thin: they call
sirhp.content.deployment.lists (the same as POST @deployment-lists and GET
@deployment-list)."""

from functools import cached_property
from plone.protect import CheckAuthenticator
from sirhp.content.base.errors import SirhpError
from sirhp.content.deployment import api as deployment
from sirhp.content.deployment import lists
from sirhp.content.deployment.pdf import nominative_list
from sirhp.content.training.api import agency_of
from sirhp.policy import _
from sirhp.policy.base.exports import attachment
from sirhp.policy.base.exports import XLSX
from sirhp.policy.base.exports import xlsx
from sirhp.policy.base.views import format_date
from sirhp.policy.base.views import SirhpView
from sirhp.policy.deployment.views import DeploymentSearchView
from zope.i18n import translate

HEADER = (
    _("deployment_list_matricule", default="Matricule"),
    _("deployment_list_name", default="Nom et prénoms"),
    _("deployment_list_grade", default="Grade"),
    _("deployment_list_unit", default="Unité"),
    _("deployment_list_skills", default="Compétences"),
    _("deployment_list_languages", default="Langues"),
)
# the list's states (sirhp_deployment_list_workflow), as its workflow names them
STATES = {
    "draft": _("state_draft", default="Brouillon"),
    "active": _("deployment_list_state_active", default="Active"),
    "closed": _("deployment_list_state_closed", default="Close"),
}
MSG_PERIOD = _(
    "deployment_list_period", default="Objet : ${purpose} — du ${start} au ${end}"
)


class SaveListView(DeploymentSearchView):
    """``@@enregistrer-liste-deploiement`` (POST from the finder): the
    search's parameters and the list's title, purpose, dates and notice;
    the members are the search's whole result, found again here."""

    def __call__(self):
        if self.request.method != "POST":
            self.request.response.redirect(
                f"{self.context.absolute_url()}/@@recherche-deploiement"
            )
            return ""
        CheckAuthenticator(self.request)
        form = self.request.form
        try:
            created = lists.save(
                context=self.context,
                title=form.get("list_title"),
                purpose=form.get("list_purpose"),
                start=form.get("list_start"),
                end=form.get("list_end"),
                notify=bool(form.get("list_notify")),
                query=lists.kept_query(form),
                today=self.today(),
                request=self.request,
            )
        except SirhpError as error:
            self.save_error = error.text(self.request)
            self.request.response.setStatus(400)
            return self.index()
        self.request.response.redirect(created.absolute_url())
        return ""


class ListView(SirhpView):
    """The list's page: purpose, dates, state, members, exports."""

    def state_label(self, state):
        return STATES.get(state, state or "")

    @cached_property
    def described(self):
        return lists.describe(deployment_list=self.context, request=self.request)

    def dates(self):
        return format_date(self.context.start), format_date(self.context.end)

    @cached_property
    def rows(self):
        """The nominative list: one row per member the reader may see."""
        agency = agency_of(self.context)
        known = deployment.choices(agency=agency)
        searched = lists.searched(self.context)

        def wanted(name, values, item_titles):
            if not values:
                return item_titles
            asked = {
                translate(known[name].get(v, v), context=self.request) for v in values
            }
            return [t for t in item_titles if t in asked]

        return [
            [
                item["matricule"],
                item["name"],
                item["grade"],
                item["unit"],
                ", ".join(wanted("skill", searched["skill"], item["skills"])),
                ", ".join(wanted("language", searched["language"], item["languages"])),
            ]
            for item in self.described["items"]
        ]

    def header(self):
        return [translate(title, context=self.request) for title in HEADER]

    def filename(self, extension):
        return f"liste-{self.context.getId()}.{extension}"


class ListXlsx(ListView):
    def __call__(self):
        data = xlsx([(self.context.title, [self.header(), *self.rows])])
        return attachment(self, data, XLSX, self.filename("xlsx"))


class ListPdf(ListView):
    def __call__(self):
        start, end = self.dates()
        period = _(
            MSG_PERIOD,
            mapping={"purpose": self.context.purpose, "start": start, "end": end},
        )
        data = nominative_list(
            agency=agency_of(self.context).Title(),
            title=self.context.title,
            lines=[translate(period, context=self.request)],
            header=self.header(),
            rows=self.rows,
            widths=(2, 4, 2, 3, 3, 2),
        )
        return attachment(self, data, "application/pdf", self.filename("pdf"))
