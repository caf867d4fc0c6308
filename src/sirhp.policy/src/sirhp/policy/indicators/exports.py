"""@@tableau-de-bord.xlsx: one sheet per figure (``?figure=<id>``: that one
only), the page's tables with their raw values; journaled as an export.
Same permission as the page."""

from sirhp.policy import _
from sirhp.policy.base.exports import attachment
from sirhp.policy.base.exports import XLSX
from sirhp.policy.base.exports import xlsx
from sirhp.policy.indicators.views import IndicatorsView
from zope.i18n import translate

MSG_UNKNOWN_FIGURE = _(
    "indicators_unknown_figure", default="Indicateur inconnu du tableau de bord."
)


class IndicatorsXlsx(IndicatorsView):
    def sheets(self, figures):
        result = []
        for figure in figures:
            _ids, header, rows, total = self.table(figure)
            result.append((figure["title"], [header, *rows, total]))
        return result

    def __call__(self):
        if self.report is None:
            self.request.response.setStatus(400)
            return self.error
        wanted = self.request.form.get("figure")
        figures = [f for f in self.figures() if not wanted or f["id"] == wanted]
        if not figures:
            self.request.response.setStatus(400)
            return translate(MSG_UNKNOWN_FIGURE, context=self.request)
        data = xlsx(self.sheets(figures))
        return attachment(self, data, XLSX, self.filename(wanted))
