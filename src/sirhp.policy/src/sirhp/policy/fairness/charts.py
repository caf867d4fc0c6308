"""The fairness charts (``base.charts``): selection rates with the line at
four fifths of the best rate, and mean marks per group."""

from reportlab.graphics.shapes import Line
from reportlab.graphics.shapes import String
from sirhp.policy.base.charts import bars
from sirhp.policy.base.charts import BLUE
from sirhp.policy.base.charts import RED
from sirhp.policy.base.charts import svg

FOUR_FIFTHS = 0.8

__all__ = ["marks_chart", "selection_chart", "svg"]


def selection_chart(groups, labels):
    """Selection rate per group (flagged groups in red), with the line at
    four fifths of the best rate.

    :param groups: the report's groups of one grouping.
    :param labels: the display name of each group, in the same order.
    """
    rates = [g["selection_rate"] or 0 for g in groups]
    colours = [RED if g["flag"] else BLUE for g in groups]
    drawing, chart = bars(labels, [rates], 1, colours)
    best = max(rates, default=0)
    if best:
        x = chart.x + chart.width * best * FOUR_FIFTHS
        drawing.add(
            Line(
                x,
                chart.y,
                x,
                chart.y + chart.height,
                strokeColor=RED,
                strokeDashArray=[3, 2],
            )
        )
        drawing.add(
            String(x + 2, chart.y + chart.height + 4, "0,8", fontSize=8, fillColor=RED)
        )
    return drawing


def marks_chart(groups, labels):
    """Mean mark out of 20 per group (evaluator, sex, region)."""
    drawing, _chart = bars(labels, [[g["mean"] or 0 for g in groups]], 20)
    return drawing
