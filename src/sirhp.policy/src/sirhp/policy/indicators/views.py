"""@@tableau-de-bord on an agency (or the portal): thin, calls
sirhp.content.indicators.api; one section per figure with its inline SVG
chart (``base.charts``) and its table. The exports are in exports.py."""

from datetime import date
from functools import cached_property
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.number_rules import DASH
from sirhp.content.indicators import api as indicators
from sirhp.policy.base import charts
from sirhp.policy.base.views import SirhpView
from urllib.parse import urlencode

SHARES = "_share"


class IndicatorsView(SirhpView):
    error = None

    def at(self):
        return self.request.form.get("at") or date.today().isoformat()

    @cached_property
    def report(self):
        try:
            report = indicators.indicators(context=self.context, at=self.at())
        except SirhpError as error:
            self.error = error.text(self.request)
            return None
        return indicators.to_json(report, request=self.request)

    def figures(self):
        return self.report["figures"] if self.report else []

    def table(self, figure):
        """Header, rows and total of a figure as lists of cells (raw values:
        the XLSX holds them; ``cell`` formats them on the page)."""
        ids = [column["id"] for column in figure["columns"]]
        header = [column["title"] for column in figure["columns"]]
        rows = [[row.get(id) for id in ids] for row in figure["rows"]]
        total = [figure["total"].get(id) for id in ids]
        return ids, header, rows, total

    def cell(self, column, value):
        """A table cell as shown: shares in percent, nothing as a dash."""
        if value is None:
            return DASH
        if column == "share" or column.endswith(SHARES):
            return self.percent(value)
        return str(value)

    def shown(self, figure):
        """The table as the page shows it."""
        ids, header, rows, total = self.table(figure)
        return {
            "header": header,
            "rows": [
                [self.cell(i, v) for i, v in zip(ids, row, strict=True)] for row in rows
            ],
            "total": [self.cell(i, v) for i, v in zip(ids, total, strict=True)],
        }

    def svg(self, figure):
        if not figure["rows"]:
            return ""
        labels = [row["label"] for row in figure["rows"]]
        series = [[row.get(c) or 0 for row in figure["rows"]] for c in figure["chart"]]
        shares = all(c.endswith(SHARES) or c == "share" for c in figure["chart"])
        drawing, _chart = charts.bars(labels, series, 1 if shares else None)
        return charts.svg(drawing)

    def export_url(self, figure=None):
        params = {"at": self.at()}
        if figure:
            params["figure"] = figure
        return (
            f"{self.context.absolute_url()}/@@tableau-de-bord.xlsx?{urlencode(params)}"
        )

    def filename(self, figure=None):
        name = self.context.getId() or "sirhp"
        what = f"-{figure}" if figure else ""
        return f"tableau-de-bord-{name}-{self.at()}{what}.xlsx"
