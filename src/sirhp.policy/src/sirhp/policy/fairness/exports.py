"""@@equite.xlsx and @@equite.pdf: the page's tables (and, in the PDF,
its charts), journaled as exports. Same permission as the page."""

from io import BytesIO
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from sirhp.policy import _
from sirhp.policy.base.exports import attachment
from sirhp.policy.base.exports import XLSX
from sirhp.policy.base.exports import xlsx
from sirhp.policy.fairness.views import FairnessView

HEADERS = (
    _("fairness_col_group", default="Groupe"),
    _("fairness_col_eligible", default="Éligibles"),
    _("fairness_col_promoted", default="Promus"),
    _("fairness_col_rate", default="Taux de sélection"),
    _("fairness_col_ratio", default="Ratio d'impact"),
    _("fairness_col_flag", default="Signalé (< 0,8)"),
    _("fairness_col_fisher", default="p de Fisher"),
)
MARK_HEADERS = (
    _("fairness_col_group", default="Groupe"),
    _("fairness_col_count", default="Notes"),
    _("fairness_col_mean", default="Moyenne /20"),
    _("fairness_col_median", default="Médiane /20"),
)
MSG_METHOD = _("fairness_method_title", default="Méthode")
MSG_MARKS = _("fairness_marks_title", default="Notes")
MSG_YES = _("fairness_yes", default="oui")


class _Export(FairnessView):
    content_type = ""
    extension = ""

    def table_rows(self, section):
        yes = self.t(MSG_YES)
        return [[self.t(h) for h in HEADERS]] + [
            [
                r["label"],
                r["eligible"],
                r["promoted"],
                r["rate"],
                r["ratio"],
                yes if r["flag"] else "",
                r["fisher"],
            ]
            for r in section["rows"]
        ]

    def mark_rows(self, section):
        return [[self.t(h) for h in MARK_HEADERS]] + [
            [r["label"], r["count"], r["mean"], r["median"]] for r in section["rows"]
        ]

    def __call__(self):
        if self.report is None:
            self.request.response.setStatus(400)
            return self.error
        return attachment(
            self, self.render(), self.content_type, self.filename(self.extension)
        )


class FairnessXlsx(_Export):
    """One sheet per grouping, the marks' sheets, a sheet « Méthode »."""

    content_type = XLSX
    extension = "xlsx"

    def render(self):
        sheets = [(s["title"], self.table_rows(s)) for s in self.sections()]
        sheets += [
            (f"{self.t(MSG_MARKS)} {s['title'].lower()}", self.mark_rows(s))
            for s in self.mark_sections()
        ]
        sheets.append((self.t(MSG_METHOD), [[text] for text in self.method()]))
        return xlsx(sheets)


class FairnessPdf(_Export):
    """The same tables and charts, on A4."""

    content_type = "application/pdf"
    extension = "pdf"

    def render(self):
        styles = getSampleStyleSheet()
        story = [Paragraph(self.context.Title(), styles["Title"])]
        for section in self.sections():
            story += [
                Paragraph(section["title"], styles["Heading2"]),
                Table(self.table_rows(section)),
                Spacer(1, 6),
                section["drawing"],
            ]
        for section in self.mark_sections():
            story += [
                Paragraph(
                    f"{self.t(MSG_MARKS)} — {section['title']}", styles["Heading2"]
                ),
                Table(self.mark_rows(section)),
                Spacer(1, 6),
                section["drawing"],
            ]
        story.append(Paragraph(self.t(MSG_METHOD), styles["Heading2"]))
        story += [Paragraph(text, styles["BodyText"]) for text in self.method()]
        out = BytesIO()
        SimpleDocTemplate(out, pagesize=A4, title=self.filename("pdf")).build(story)
        return out.getvalue()
