"""The fairness charts, drawn server-side with reportlab.graphics: the
same drawing becomes inline SVG on the page and a flowable in the PDF."""

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.shapes import Line
from reportlab.graphics.shapes import String
from reportlab.lib import colors

WIDTH, BAR_HEIGHT, LABEL_WIDTH, MARGIN = 480, 18, 150, 24
FOUR_FIFTHS = 0.8
BLUE, RED = colors.HexColor("#1F3A93"), colors.HexColor("#B22222")


def _bars(labels, values, top, colours=None):
    height = max(1, len(labels)) * BAR_HEIGHT + 2 * MARGIN
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_WIDTH, MARGIN
    chart.width, chart.height = WIDTH - LABEL_WIDTH - MARGIN, height - 2 * MARGIN
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = [str(label)[:28] for label in labels] or [""]
    chart.categoryAxis.reverseDirection = True
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.labels.fontSize = 8
    chart.bars[0].fillColor = BLUE
    for index, colour in enumerate(colours or ()):
        chart.bars[(0, index)].fillColor = colour
    drawing.add(chart)
    return drawing, chart


def selection_chart(groups, labels):
    """Selection rate per group (flagged groups in red), with the line at
    four fifths of the best rate.

    :param groups: the report's groups of one grouping.
    :param labels: the display name of each group, in the same order.
    """
    rates = [g["selection_rate"] or 0 for g in groups]
    colours = [RED if g["flag"] else BLUE for g in groups]
    drawing, chart = _bars(labels, rates, 1, colours)
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
    drawing, _chart = _bars(labels, [g["mean"] or 0 for g in groups], 20)
    return drawing


def svg(drawing):
    """The drawing as an SVG element to inline in a page (no XML prolog)."""
    text = renderSVG.drawToString(drawing)
    return text[text.index("<svg") :]
