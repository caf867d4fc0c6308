"""@@sirhp-agences, in Site Setup: the agencies and services of the portal,
and the form that adds one (Manager, Site Administrator: ``sirhp: Add
Agency``, as ``POST /Plone`` with ``@type: Agency``).

Thin: every rule is ``sirhp.content.agencies.api``'s; each refusal is shown
beside its field, nothing is stored while one remains.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from sirhp.content.agencies import api as agencies_api
from sirhp.content.agencies.rules import FIELDS
from sirhp.content.base.agencies import agency_values
from sirhp.policy import _
from sirhp.policy import config
from sirhp.policy.base.views import SirhpView
from zope.i18n import translate

FIELD_LABELS = (
    (
        "id",
        _("label_agency_id", default="Identifiant (adresse et groupes)"),
        "protection-civile",
    ),
    ("title", _("label_agency_name", default="Nom de l'agence"), "Protection civile"),
    ("short_name", _("label_short_name", default="Sigle"), "DPC"),
    (
        "primary_color",
        _("label_primary_color", default="Couleur principale (#RRGGBB)"),
        "#1F3A93",
    ),
    (
        "matricule_prefix",
        _("label_matricule_prefix", default="Préfixe des matricules"),
        "5",
    ),
)
MSG_ADDED = _("message_agency_added", default="Agence ajoutée : ${title}.")


class AgenciesControlPanel(SirhpView):
    """The list of agencies and the form of a new one."""

    def __call__(self):
        self.errors = {}
        self.values = {name: "" for name in FIELDS}
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            agency = self.submit()
            if agency is not None:
                api.portal.show_message(
                    _(MSG_ADDED, mapping={"title": agency.Title()}),
                    request=self.request,
                )
                return self.request.response.redirect(
                    f"{self.context.absolute_url()}/@@sirhp-agences"
                )
        return self.index()

    def submit(self):
        self.values = {
            name: str(self.request.form.get(name) or "").strip() for name in FIELDS
        }
        found = agencies_api.errors(container=self.context, values=self.values)
        if not found:
            try:
                return agencies_api.add_agency(
                    container=self.context, values=self.values
                )
            except agencies_api.AgencyError as error:
                found = [error]
        for error in found:
            self.errors.setdefault(error.field, error.text(self.request))
        return None

    def fields(self):
        return [
            {
                "name": name,
                "label": translate(label, context=self.request),
                "example": example,
            }
            for name, label, example in FIELD_LABELS
        ]

    def agencies(self):
        rows = []
        for agency in agencies_api.agencies():
            row = agency_values(agency)
            row["url"] = agency.absolute_url()
            row["next"] = getattr(agency, "matricule_next", None) or ""
            row["groups"] = [
                config.agency_group_id(row["id"], suffix)
                for suffix, _role, _label in config.AGENCY_GROUPS
            ]
            rows.append(row)
        return rows


class AgencyAddView(BrowserView):
    """``++add++Agency`` at the site root (Plone's "Add new" menu): the
    panel, whose form checks what the generic add form would not."""

    def __init__(self, context, request, ti=None):
        super().__init__(context, request)
        self.ti = ti

    def __call__(self):
        return self.request.response.redirect(
            f"{self.context.absolute_url()}/@@sirhp-agences"
        )
