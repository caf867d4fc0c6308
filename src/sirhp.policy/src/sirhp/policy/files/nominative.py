"""@@liste-nominative.pdf and .xlsx on an agency: the rows of the agency
listing for its current filters (any result of the personnel search).

The same filters and the same catalog query as the page
(``base.personnel_search``), so the user's View filters both alike; the
same columns (catalog metadata, no protected field), and the corps.
Journaled as an export; permission: the listing's (View on the agency).
"""

from sirhp.policy import _
from sirhp.policy.base import personnel_search
from sirhp.policy.base.exports import attachment
from sirhp.policy.base.exports import pdf
from sirhp.policy.base.exports import XLSX
from sirhp.policy.base.exports import xlsx
from sirhp.policy.base.views import SirhpView
from zope.i18n import translate

MSG_TITLE = _("nominative_title", default="Liste nominative")
HEADERS = (
    _("Matricule"),
    _("Nom et prénoms"),
    _("Grade"),
    _("Unité"),
    _("nominative_col_corps", default="Corps"),
    _("Position"),
    _("État"),
)


class _NominativeList(SirhpView):
    content_type = ""
    extension = ""

    def t(self, message):
        return translate(message, context=self.request)

    def rows(self):
        """The header, then one row per file of the search, as on the page."""
        chosen = personnel_search.filters(self.context, self.request.form, self.labels)
        brains = personnel_search.search(self.context, chosen)
        return [[self.t(h) for h in HEADERS]] + [
            [
                brain.matricule or "",
                f"{(brain.last_name or '').upper()} {brain.first_names or ''}".strip(),
                self.labels("sirhp.content.grades", brain.grade),
                brain.unit_title or "",
                self.labels("sirhp.content.corps", brain.corps),
                self.labels("sirhp.content.personnel_status", brain.personnel_status),
                self.t(self.state_label(brain.review_state)),
            ]
            for brain in brains
        ]

    def __call__(self):
        filename = f"liste-nominative-{self.context.getId()}.{self.extension}"
        return attachment(self, self.render(), self.content_type, filename)


class NominativePdf(_NominativeList):
    content_type = "application/pdf"
    extension = "pdf"

    def render(self):
        title = f"{self.t(MSG_TITLE)} — {self.context.Title()}"
        return pdf(title, self.context.Title(), [("table", self.rows())], wide=True)


class NominativeXlsx(_NominativeList):
    content_type = XLSX
    extension = "xlsx"

    def render(self):
        return xlsx([(self.t(MSG_TITLE), self.rows())])
