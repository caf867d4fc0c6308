"""@@departs-retraite on an agency: thin, calls sirhp.content.retirement.api."""

from datetime import date
from functools import cached_property
from sirhp.content.base.errors import SirhpError
from sirhp.content.retirement import api
from sirhp.policy import _
from sirhp.policy.base.views import SirhpView

PROJECTION_YEARS = 5
# The bar chart, in SVG user units (drawn server-side: no JS library)
# The projection's breakdowns: (metadata, title, vocabulary of its labels)
BREAKDOWNS = (
    ("grade", _("retirement_by_grade", default="Par grade"), "sirhp.content.grades"),
    (
        "region",
        _("retirement_by_region", default="Par région"),
        "sirhp.content.regions",
    ),
    ("unit_title", _("retirement_by_unit", default="Par unité"), None),
)
CHART_WIDTH, CHART_HEIGHT, BAR_GAP, LABEL_SPACE = 500, 160, 16, 20


class RetirementsView(SirhpView):
    error = None

    def today(self):
        return date.today()

    def period(self):
        """The years asked (``from``, ``to``), this year to 4 years on by
        default; bad years are refused by the API."""
        year = self.today().year
        form = self.request.form
        return (
            form.get("from") or str(year),
            form.get("to") or str(year + PROJECTION_YEARS - 1),
        )

    @cached_property
    def rows(self):
        start, end = self.period()
        try:
            return api.retirements(agency=self.context, start=start, end=end)
        except SirhpError as error:
            self.error = error.text(self.request)
            return []

    def by_year(self):
        """``[{"year", "rows"}]`` in date order."""
        result = []
        for row in self.rows:
            year = row["retirement_date"].year
            if not result or result[-1]["year"] != year:
                result.append({"year": year, "rows": []})
            result[-1]["rows"].append(self.display(row))
        return result

    def display(self, row):
        return dict(
            row,
            grade_label=self.labels("sirhp.content.grades", row["grade"]),
            region_label=self.labels("sirhp.content.regions", row["region"]),
            date=self.format_date(row["retirement_date"]),
        )

    @cached_property
    def projection(self):
        return api.projection(
            agency=self.context, years=PROJECTION_YEARS, today=self.today()
        )

    def breakdown(self, dimension, vocabulary=None):
        """Rows ``{"label", "counts": [per projected year], "total"}`` of the
        projection by ``dimension`` (grade, region, unit_title)."""
        by_year = self.projection["by"][dimension]
        years = self.projection["years"]
        values = sorted({value for year in years for value in by_year[year]})
        result = []
        for value in values:
            counts = [by_year[year].get(value, 0) for year in years]
            label = self.labels(vocabulary, value) if vocabulary else value
            result.append(
                {"label": label or "—", "counts": counts, "total": sum(counts)}
            )
        return result

    def breakdowns(self):
        return [
            {"title": title, "lines": self.breakdown(name, vocabulary)}
            for name, title, vocabulary in BREAKDOWNS
        ]

    def bars(self):
        """The projection's yearly totals as SVG bars (x, y, width, height)."""
        years = self.projection["years"]
        totals = self.projection["totals"]
        top = max(totals.values(), default=0) or 1
        width = (CHART_WIDTH - BAR_GAP * (len(years) + 1)) / len(years)
        usable = CHART_HEIGHT - 2 * LABEL_SPACE
        result = []
        for index, year in enumerate(years):
            height = round(usable * totals[year] / top, 1)
            x = round(BAR_GAP + index * (width + BAR_GAP), 1)
            result.append(
                {
                    "year": year,
                    "count": totals[year],
                    "x": x,
                    "width": round(width, 1),
                    "height": height,
                    "y": round(CHART_HEIGHT - LABEL_SPACE - height, 1),
                    "middle": round(x + width / 2, 1),
                }
            )
        return result

    def chart_size(self):
        return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "base": CHART_HEIGHT - 4}

    def reminders(self):
        return [
            dict(self.display(row), reminder=self.format_date(row["reminder_date"]))
            for row in api.reminders(agency=self.context, today=self.today())
        ]
