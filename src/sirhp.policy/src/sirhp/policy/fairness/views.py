"""@@equite on an agency (or the portal): thin, calls
sirhp.content.fairness.api; the tables, the charts (inline SVG) and how
each figure is computed. The exports are in exports.py."""

from datetime import date
from functools import cached_property
from sirhp.content.base.errors import SirhpError
from sirhp.content.fairness import api as fairness
from sirhp.policy import _
from sirhp.policy.base.views import SirhpView
from sirhp.policy.fairness import charts
from urllib.parse import urlencode
from zope.i18n import translate

TITLES = {
    fairness.SEX: _("fairness_by_sex", default="Par sexe"),
    fairness.REGION: _("fairness_by_region", default="Par région d'origine"),
    fairness.AGENCY: _("fairness_by_agency", default="Par agence"),
    fairness.CORPS: _("fairness_by_corps", default="Par corps"),
    fairness.EVALUATOR: _("fairness_by_evaluator", default="Par évaluateur"),
}
VOCABULARIES = {
    fairness.SEX: "sirhp.content.sex",
    fairness.REGION: "sirhp.content.regions",
    fairness.CORPS: "sirhp.content.corps",
}
MSG_UNKNOWN = _("fairness_unknown_group", default="non renseigné")


class FairnessView(SirhpView):
    error = None

    def year(self):
        return self.request.form.get("year") or str(date.today().year - 1)

    def params(self):
        table = self.request.form.get("table")
        return {"table": table} if table else {"year": self.year()}

    @cached_property
    def report(self):
        params = self.params()
        try:
            return fairness.report(context=self.context, **params)
        except SirhpError as error:
            self.error = error.text(self.request)
            return None

    def t(self, message):
        return translate(message, context=self.request)

    def group_label(self, by, group):
        if group in (None, ""):
            return self.t(MSG_UNKNOWN)
        vocabulary = VOCABULARIES.get(by)
        return self.labels(vocabulary, group) if vocabulary else str(group)

    def sections(self):
        """One per grouping: title, rows as displayed, the chart, times."""
        if not self.report:
            return []
        result = []
        for by in fairness.GROUPINGS:
            part = self.report["groupings"][by]
            labels = [self.group_label(by, g["group"]) for g in part["groups"]]
            rows = [
                {
                    "label": label,
                    "eligible": g["eligible"],
                    "promoted": g["promoted"],
                    "rate": self.percent(g["selection_rate"]),
                    "ratio": self.decimal(g["impact_ratio"], 2),
                    "flag": g["flag"],
                    "fisher": self.decimal(g["fisher_p"], 3),
                }
                for label, g in zip(labels, part["groups"], strict=True)
            ]
            times = [
                {
                    "label": self.group_label(by, t["group"]),
                    "count": t["count"],
                    "years": self.decimal(t["median_years"], 1),
                }
                for t in part.get("time_in_grade", [])
            ]
            result.append(
                {
                    "key": by,
                    "title": self.t(TITLES[by]),
                    "rows": rows,
                    "times": times,
                    "drawing": charts.selection_chart(part["groups"], labels),
                }
            )
        return result

    def mark_sections(self):
        if not self.report or "marks" not in self.report:
            return []
        result = []
        for by in fairness.MARK_GROUPINGS:
            groups = self.report["marks"]["groupings"][by]
            labels = [self.group_label(by, g["group"]) for g in groups]
            result.append(
                {
                    "key": by,
                    "title": self.t(TITLES[by]),
                    "rows": [
                        {
                            "label": label,
                            "count": g["count"],
                            "mean": self.decimal(g["mean"], 2),
                            "median": self.decimal(g["median"], 2),
                        }
                        for label, g in zip(labels, groups, strict=True)
                    ],
                    "drawing": charts.marks_chart(groups, labels),
                }
            )
        return result

    def svg(self, section):
        return charts.svg(section["drawing"])

    def method(self):
        return [self.t(message) for _figure, message in fairness.METHOD]

    def export_url(self, name):
        return f"{self.context.absolute_url()}/@@{name}?{urlencode(self.params())}"

    def filename(self, extension):
        params = self.params()
        what = params.get("year") or f"tableau-{params['table'][:8]}"
        name = self.context.getId() if self.context.getId() else "sirhp"
        return f"equite-{name}-{what}.{extension}"
