"""@@fiche-renseignements.pdf and .xlsx: one personnel file on paper.

For whoever may view the file (View, as the file page), journaled as an
export. The identity, career, assignment and skills sections of the file
page, each field only if the user may read it (``may_read_field``: a field
he may not read is absent, as on the page); never the medical section (the
page shows it only with a consultation reason, an export has none); the
career summary from the validated acts the user may see
(``attestations.rules.record_lines``, as the état des services); the
trainings (``training.api.trainings_of``).
"""

from datetime import date
from sirhp.content.attestations.rules import record_lines
from sirhp.content.careers import api as careers
from sirhp.content.content.field_access import may_read_field
from sirhp.content.content.personnel_file import IPersonnelFileSchema
from sirhp.content.training import api as training
from sirhp.policy import _
from sirhp.policy.base.exports import attachment
from sirhp.policy.base.exports import pdf
from sirhp.policy.base.exports import XLSX
from sirhp.policy.base.exports import xlsx
from sirhp.policy.base.file_view import PersonnelFileView
from sirhp.policy.base.file_view import SECTIONS
from zope.i18n import translate

MEDICAL = "sante"
MSG_TITLE = _("fiche_title", default="Fiche de renseignements")
MSG_CAREER = _("fiche_career", default="État des services")
MSG_TRAININGS = _("fiche_trainings", default="Formations")
MSG_FIELD = _("fiche_col_field", default="Rubrique")
MSG_VALUE = _("fiche_col_value", default="Valeur")
CAREER_HEADERS = (
    _("fiche_col_date", default="Date"),
    _("fiche_col_act", default="Acte"),
    _("fiche_col_grade", default="Grade"),
    _("fiche_col_unit", default="Unité"),
)
TRAINING_HEADERS = (
    _("fiche_col_date", default="Date"),
    _("fiche_col_course", default="Formation"),
    _("fiche_col_code", default="Code"),
    _("fiche_col_expiry", default="Validité"),
)


class _Fiche(PersonnelFileView):
    def t(self, message):
        return translate(message, context=self.request)

    def readable_sections(self):
        """[(title, [(label, value)])]: the page's sections but the medical
        one, each field the user may read."""
        result = []
        for section_id, title, fields in SECTIONS:
            if section_id == MEDICAL:
                continue
            rows = [
                (
                    self.t(IPersonnelFileSchema[name].title),
                    self.display(name, vocabulary),
                )
                for name, vocabulary in fields
                if may_read_field(self.context, name)
            ]
            if rows:
                result.append((self.t(title), rows))
        return result

    def career_rows(self):
        """The validated acts the user may see, oldest first."""
        return [
            [
                self.format_date(line["date"]),
                line["title"],
                self.labels("sirhp.content.grades", line["grade"]),
                line["unit"],
            ]
            for line in record_lines(careers.acts(file=self.context))
        ]

    def training_rows(self):
        return [
            [
                self.format_date(row["date"]),
                row["title"],
                row["code"],
                self.format_date(row["expiry"]),
            ]
            for row in training.trainings_of(file=self.context, at=date.today())
        ]

    def filename(self, extension):
        return f"fiche-{self.context.matricule or self.context.getId()}.{extension}"

    def __call__(self):
        return attachment(
            self, self.render(), self.content_type, self.filename(self.extension)
        )


class FichePdf(_Fiche):
    content_type = "application/pdf"
    extension = "pdf"

    def render(self):
        blocks = []
        for title, rows in self.readable_sections():
            blocks += [("heading", title), ("pairs", rows)]
        for title, headers, rows in (
            (MSG_CAREER, CAREER_HEADERS, self.career_rows()),
            (MSG_TRAININGS, TRAINING_HEADERS, self.training_rows()),
        ):
            if rows:
                blocks += [
                    ("heading", self.t(title)),
                    ("table", [[self.t(h) for h in headers], *rows]),
                ]
        title = f"{self.t(MSG_TITLE)} — {self.context.Title()}"
        return pdf(title, self.agency_title(), blocks)

    def agency_title(self):
        agency = self.context.aq_parent
        return agency.Title() if agency is not None else ""


class FicheXlsx(_Fiche):
    content_type = XLSX
    extension = "xlsx"

    def render(self):
        sheets = [
            (title, [[self.t(MSG_FIELD), self.t(MSG_VALUE)], *map(list, rows)])
            for title, rows in self.readable_sections()
        ]
        sheets.append(
            (
                self.t(MSG_CAREER),
                [[self.t(h) for h in CAREER_HEADERS], *self.career_rows()],
            )
        )
        sheets.append(
            (
                self.t(MSG_TRAININGS),
                [[self.t(h) for h in TRAINING_HEADERS], *self.training_rows()],
            )
        )
        return xlsx(sheets)
