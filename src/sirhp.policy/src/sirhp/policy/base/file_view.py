"""The personnel file page's class: identity, career, assignment, skills,
documents, badges, change requests, history.

The base of two features' pages: the file page (``files``) and the
officer's "Mon dossier" (``changes``), which shows the same sections of the
officer's own file. The medical section is shown through the site's
consultation-reason hook (``sirhp.content.base.hooks``, provided by
``audit``): own file, or a reason given, and journaled first.
"""

from datetime import date
from functools import cached_property
from plone import api
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.supermodel.utils import mergedTaggedValueDict
from sirhp.content.base.hooks import may_show_sensitive
from sirhp.content.careers import api as careers
from sirhp.content.content.personnel_file import IPersonnelFileSchema
from sirhp.content.permissions import ViewHistory
from sirhp.content.promotion import api as promotion
from sirhp.content.retirement import api as retirement
from sirhp.content.training import api as training
from sirhp.policy import _
from sirhp.policy.base.views import has_permission
from sirhp.policy.base.views import has_zcml_permission
from sirhp.policy.base.views import SirhpView
from zope.i18n import translate
from zope.i18nmessageid import Message

# (section id, French title, [(field, vocabulary or None)])
SECTIONS = (
    (
        "identite",
        _("section_identity", default="Identité"),
        [
            ("matricule", None),
            ("nina", None),
            ("last_name", None),
            ("first_names", None),
            ("sex", "sirhp.content.sex"),
            ("birth_date", None),
            ("birth_place", None),
            ("marital_status", "sirhp.content.marital_status"),
            ("children_count", None),
            ("phone", None),
            ("email", None),
            ("address", None),
            ("emergency_contact", None),
        ],
    ),
    (
        "carriere",
        _("section_career", default="Carrière"),
        [
            ("corps", "sirhp.content.corps"),
            ("grade", "sirhp.content.grades"),
            ("grade_date", None),
            ("echelon", None),
            ("echelon_date", None),
            ("indice", None),
            ("hire_date", None),
            ("status", "sirhp.content.personnel_status"),
            ("region_of_origin", "sirhp.content.regions"),
        ],
    ),
    (
        "affectation",
        _("section_assignment", default="Affectation"),
        [("unit", None), ("position", None)],
    ),
    (
        "competences",
        _("section_skills", default="Compétences"),
        [
            ("skills", "sirhp.content.skills"),
            ("languages", "sirhp.content.languages"),
            ("driving_licences", "sirhp.content.driving_licences"),
        ],
    ),
    (
        "sante",
        _("section_medical", default="Données médicales (confidentiel)"),
        [("blood_group", None), ("medical_notes", None)],
    ),
)

MSG_RETIREMENT_DATE = _(
    "label_retirement_date", default="Départ à la retraite (limite d'âge)"
)
MSG_SENIORITY = _(
    "career_seniority",
    default="${years} an(s), ${months} mois, ${days} jour(s)",
)
MSG_ELIGIBILITY = _("eligibility_line", default="${grade} : ${criteria}")
MSG_PERIOD = _("career_period", default="du ${start} au ${end}")
MSG_PERIOD_OPEN = _("career_period_open", default="depuis le ${start}")


class PersonnelFileView(SirhpView):
    @cached_property
    def read_permissions(self):
        return mergedTaggedValueDict(IPersonnelFileSchema, READ_PERMISSIONS_KEY)

    def can_read(self, name):
        permission = self.read_permissions.get(name)
        return permission is None or has_zcml_permission(permission, self.context)

    def display(self, name, vocabulary):
        value = getattr(self.context, name, None)
        if name == "unit":
            if value is None or value.isBroken():
                return ""
            unit = value.to_object
            return unit.Title() if unit is not None else ""
        if vocabulary:
            return self.labels(vocabulary, value)
        if hasattr(value, "strftime"):
            return self.format_date(value)
        if value is None:
            return ""
        return str(value)

    @cached_property
    def sensitive_shown(self):
        """Show the medical section only with a reason, and log it first
        (if the journal cannot be written, the section is not shown)."""
        return may_show_sensitive(self.context, self.request, "web")

    @cached_property
    def _sections(self):
        result = []
        for section_id, title, fields in SECTIONS:
            if section_id == "sante" and not self.sensitive_shown:
                continue
            rows = []
            for name, vocabulary in fields:
                if not self.can_read(name):
                    continue
                field = IPersonnelFileSchema[name]
                rows.append(
                    {
                        "name": name,
                        "label": field.title,
                        "value": self.display(name, vocabulary) or "—",
                    }
                )
            if section_id == "carriere" and self.can_read("birth_date"):
                rows.append(self.retirement_row())
            if rows:
                result.append({"id": section_id, "title": title, "rows": rows})
        return result

    def sections(self):
        return self._sections

    def retirement_row(self):
        """Derived from the birth date and the age limit: read-only."""
        day = retirement.retirement_date_of(file=self.context)
        return {
            "name": "retirement_date",
            "label": MSG_RETIREMENT_DATE,
            "value": self.format_date(day) or "—",
        }

    def photo_url(self):
        if getattr(self.context, "photo", None):
            return f"{self.context.absolute_url()}/@@images/photo/thumb"
        return None

    def state(self):
        return api.content.get_state(self.context)

    def can_review_changes(self):
        """Records staff and auditors see the file's change requests."""
        return has_permission(ViewHistory, self.context)

    def change_requests(self):
        catalog = api.portal.get_tool("portal_catalog")
        return catalog(
            portal_type="ChangeRequest",
            path={"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            show_inactive=True,  # no publication dates in SIRHP: skip that filter
            sort_on="created",
            sort_order="descending",
        )

    def can_reset_access(self):
        return self.state() == "validated" and has_permission(
            "sirhp: Manage officer account", self.context
        )

    def badges(self):
        """The badges of this file the user may see, newest first (catalog)."""
        catalog = api.portal.get_tool("portal_catalog")
        return catalog(
            portal_type="Badge",
            path={"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            show_inactive=True,  # no publication dates in SIRHP: skip that filter
            sort_on="created",
            sort_order="descending",
        )

    def records(self, portal_type):
        """Documents or career events of this file the user may see (catalog)."""
        catalog = api.portal.get_tool("portal_catalog")
        sort_on = "event_date" if portal_type == "CareerEvent" else "document_sort"
        return catalog(
            portal_type=portal_type,
            path={"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            show_inactive=True,  # no publication dates in SIRHP: skip that filter
            sort_on=sort_on,
            sort_order="descending",
        )

    def can_edit(self):
        return has_permission("Modify portal content", self.context)

    def can_add(self, portal_type):
        return has_permission(f"sirhp: Add {portal_type}", self.context)

    def can_view_history(self):
        return has_permission(ViewHistory, self.context)

    def transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return [
            {"id": t["id"], "title": t["title"]}
            for t in workflow.getTransitionsFor(self.context)
        ]

    def review_history(self):
        """Transitions of the file (who, when, comment), newest first."""
        if not self.can_view_history():
            return []
        return self.workflow_entries()

    # --- career: situation today and periods (sirhp.content.careers)

    @cached_property
    def career_summary(self):
        """Situation today, validated acts and periods, as the user sees them."""
        return careers.career(file=self.context)

    def seniority(self, kind):
        """Seniority in ``grade`` or in ``service`` as text ("" if unknown)."""
        value = self.career_summary["current"]["seniority"][kind]
        if value is None:
            return ""
        # the mapping goes in the Message: translate() ignores its own
        # ``mapping`` for a Message (it would show "${years} an(s)...")
        return translate(Message(MSG_SENIORITY, mapping=value), context=self.request)

    def timeline(self):
        """The career's periods, newest first, with their labels."""
        rows = []
        for period in reversed(self.career_summary["positions"]):
            dates = {
                "start": self.format_date(period["start"]),
                "end": self.format_date(period["end"]),
            }
            span = MSG_PERIOD_OPEN if period["end"] is None else MSG_PERIOD
            status = period["status"]
            grade = period["grade"]
            rows.append(
                {
                    "span": translate(
                        Message(span, mapping=dates), context=self.request
                    ),
                    "grade": self.labels("sirhp.content.grades", grade),
                    "echelon": period["echelon"] or "",
                    "unit": period["unit_title"] or "",
                    "position": period["position"] or "",
                    "status": self.labels("sirhp.content.personnel_status", status),
                }
            )
        return rows

    def eligibility_line(self):
        """Eligibility for the next grade today, one line: "Officier de
        police de 1re classe : 3 ans 2 mois dans le grade ≥ 3 ans ✔, ..."
        ("" at the top of the corps)."""
        result = promotion.eligibility(file=self.context)
        if result["grade"] is None:
            return ""
        criteria = ", ".join(
            translate(c["label"], context=self.request) + (" ✔" if c["met"] else " ✘")
            for c in result["criteria"]
        )
        grade = self.labels("sirhp.content.grades", result["grade"])
        return translate(
            Message(MSG_ELIGIBILITY, mapping={"grade": grade, "criteria": criteria}),
            context=self.request,
        )

    def trainings(self):
        """The « Formations » section: the officer's trainings today
        (``training.trainings_of``), each certificate with its download."""
        rows = training.trainings_of(file=self.context, at=date.today())
        for row in rows:
            row["url"] = (
                f"{self.context.absolute_url()}/@@attestation?session={row['session']}"
                if row["certificate"]
                else None
            )
        return rows
