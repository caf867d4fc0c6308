"""Career pages: the page of an act (a disciplinary decision needs a
reason) and @@controle-carrieres (thin, calls
sirhp.content.careers.consistency).


Plone's default page of the act, without the decision's fields
(``sirhp.content.careers.serializer.DECISION_FIELDS``) until a consultation
reason is given (on the file page, as for medical data); the consultation
is journaled first (``may_show_decision``: the REST JSON's rule).
"""

from datetime import date
from functools import cached_property
import os
from plone.dexterity.browser import view as dexterity_view
from plone.dexterity.browser.view import DefaultView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from sirhp.content.base.errors import SirhpError
from sirhp.content.careers import api
from sirhp.content.careers import consistency
from sirhp.content.careers.serializer import DECISION_FIELDS
from sirhp.content.careers.serializer import may_show_decision
from sirhp.content.interfaces import IAgency
from sirhp.policy import _
from sirhp.policy.base.views import SirhpView

MSG_REASON_REQUIRED = _(
    "notice_discipline_reason_required",
    default="Acte disciplinaire : indiquez un motif de consultation sur la page "
    "du dossier pour afficher la décision.",
)


class CareerEventView(DefaultView):
    """Plone's page of the act; a disciplinary decision with a reason only."""

    index = ViewPageTemplateFile(
        os.path.join(os.path.dirname(dexterity_view.__file__), "item.pt")
    )
    decision_shown = True

    def updateFieldsFromSchemata(self):
        super().updateFieldsFromSchemata()
        # asked once per page (the widgets are built once): one journal entry
        self.decision_shown = may_show_decision(self.context, self.request)
        if not self.decision_shown:
            self.fields = self.fields.omit(*DECISION_FIELDS)
            IStatusMessage(self.request).add(MSG_REASON_REQUIRED, type="warning")


FIELD_LABELS = {
    "grade": _("label_grade", default="Grade"),
    "echelon": _("career_check_echelon", default="Échelon"),
    "unit": _("career_check_unit", default="Unité"),
    "status": _("career_check_status", default="Position administrative"),
    "position": _("career_check_position", default="Fonction"),
    "grade_date": _("career_check_grade_date", default="Date de grade"),
    "echelon_date": _("career_check_echelon_date", default="Date d'échelon"),
}
MSG_NO_ACTS = _("career_check_no_acts", default="Aucun acte de carrière validé")
# field -> vocabulary of its codes
VOCABULARIES = {
    "grade": "sirhp.content.grades",
    "status": "sirhp.content.personnel_status",
}


class CareerCheckView(SirhpView):
    error = None

    def today(self):
        return date.today()

    @cached_property
    def rows(self):
        agency = self.context if IAgency.providedBy(self.context) else None
        try:
            at = api.parse_at(self.request.form.get("at")) or self.today()
            return consistency.check(today=at, agency=agency)
        except SirhpError as error:
            self.error = error.text(self.request)
            return []

    @cached_property
    def _units(self):
        uids = [
            row[key]
            for row in self.rows
            if row["field"] == "unit"
            for key in ("stored", "from_acts")
        ]
        return api.titles_of_units(uids)

    def _value(self, field, value):
        if value is None:
            return "—"
        if field in VOCABULARIES:
            return self.labels(VOCABULARIES[field], value)
        if field == "unit":
            return self._units.get(value, value)
        if isinstance(value, date):
            return self.format_date(value)
        return str(value)

    def lines(self):
        """Rows ready to show: labels for codes, titles for units."""
        result = []
        for row in self.rows:
            if row["problem"] == consistency.NO_ACTS:
                field, stored, from_acts = MSG_NO_ACTS, "", ""
            else:
                field = FIELD_LABELS.get(row["field"], row["field"])
                stored = self._value(row["field"], row["stored"])
                from_acts = self._value(row["field"], row["from_acts"])
            result.append(
                dict(row, field_label=field, stored_text=stored, acts_text=from_acts)
            )
        return result
