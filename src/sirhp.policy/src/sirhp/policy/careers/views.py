"""@@controle-carrieres on the site or an agency: thin, calls
sirhp.content.careers.consistency."""

from datetime import date
from functools import cached_property
from sirhp.content.base.errors import SirhpError
from sirhp.content.careers import api
from sirhp.content.careers import consistency
from sirhp.content.interfaces import IAgency
from sirhp.policy import _
from sirhp.policy.base.views import SirhpView

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
