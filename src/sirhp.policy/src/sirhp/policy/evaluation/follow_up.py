"""``<campaign>/@@suivi-campagne``: the campaign's follow-up for who runs
it (the permission of ``GET @campaign-status``): completion overall, by
unit and by evaluator, the late evaluations, the contest rate and the rater
statistics, each figure with how it is computed.

Thin: every figure is ``sirhp.content.evaluation.follow_up.campaign_status``'
(the same answer as the REST service); this module only formats it.
"""

from datetime import date
from plone import api
from sirhp.content.evaluation.follow_up import campaign_status
from sirhp.content.evaluation.rules import HIGH_MARK
from sirhp.content.evaluation.rules import LENIENT
from sirhp.content.evaluation.rules import RATER_GAP
from sirhp.content.evaluation.rules import RATER_MIN_COUNT
from sirhp.content.evaluation.rules import SEVERE
from sirhp.policy import _
from sirhp.policy.base.views import SirhpView
from zope.i18n import translate

FLAG_LABELS = {
    LENIENT: _("rater_lenient", default="indulgent"),
    SEVERE: _("rater_severe", default="sévère"),
}
NO_EVALUATOR = _("follow_up_no_evaluator", default="(aucun évaluateur)")
NO_UNIT = _("follow_up_no_unit", default="(sans unité)")


class CampaignFollowUpView(SirhpView):
    """The follow-up page of an EvaluationCampaign."""

    high_mark = HIGH_MARK
    rater_gap = RATER_GAP
    rater_min_count = RATER_MIN_COUNT

    def __call__(self):
        self.status = campaign_status(campaign=self.context, today=self.today())
        return self.index()

    def today(self):
        return date.today()

    def _text(self, message):
        return translate(message, context=self.request)

    def _evaluator_name(self, userid):
        if not userid:
            return self._text(NO_EVALUATOR)
        user = api.user.get(userid=userid)
        return (user and user.getProperty("fullname")) or userid

    def overall(self):
        status = self.status
        return {
            "total": status["total"],
            "submitted": status["submitted"],
            "completion": self.percent(status["completion"], 0),
            "contested": status["contested"],
            "contest_rate": self.percent(status["contest_rate"], 0),
            "overall_mean": self.decimal(status["overall_mean"], 2),
            "late": len(status["late"]),
        }

    def _completion_rows(self, bucket, label):
        rows = [
            {
                "label": label(key),
                "total": row["total"],
                "submitted": row["submitted"],
                "completion": self.percent(row["completion"], 0),
            }
            for key, row in bucket.items()
        ]
        return sorted(rows, key=lambda row: row["label"].lower())

    def units(self):
        return self._completion_rows(
            self.status["by_unit"], lambda unit: unit or self._text(NO_UNIT)
        )

    def evaluators(self):
        return self._completion_rows(self.status["by_evaluator"], self._evaluator_name)

    def late(self):
        return sorted(
            self.status["late"], key=lambda row: (row["unit"], row["matricule"])
        )

    def raters(self):
        flags = self.status["rater_flags"]
        rows = []
        for userid, row in self.status["raters"].items():
            flag = flags.get(userid)
            rows.append(
                {
                    "name": self._evaluator_name(userid),
                    "count": row["count"],
                    "mean": self.decimal(row["mean"], 2),
                    "stdev": self.decimal(row["stdev"], 2),
                    "share_above_16": self.percent(row["share_above_16"], 0),
                    "flag": flag,
                    "flag_label": self._text(FLAG_LABELS[flag]) if flag else "",
                }
            )
        return sorted(rows, key=lambda row: row["name"].lower())
