"""Charts drawn server-side with reportlab.graphics: the same drawing
becomes inline SVG on a page (no script, no CDN) and a flowable in a PDF.
Shared by the fairness page and the dashboard."""

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

WIDTH, BAR_HEIGHT, LABEL_WIDTH, MARGIN = 480, 18, 150, 24
BLUE, RED = colors.HexColor("#1F3A93"), colors.HexColor("#B22222")
SERIES_COLOURS = (BLUE, colors.HexColor("#C2571A"), colors.HexColor("#0B6E4F"))


def bars(labels, series, top=None, colours=None):
    """Horizontal bars, one group per label, one bar per series.

    :param labels: the groups' display names.
    :param series: lists of values (one list per series, in label order).
    :param top: the value axis' maximum (default: reportlab's).
    :param colours: one colour per bar of the first series (flags).
    :returns: ``(drawing, chart)``.
    """
    series = [list(values) or [0] for values in series] or [[0]]
    height = max(1, len(labels)) * BAR_HEIGHT * len(series) + 2 * MARGIN
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_WIDTH, MARGIN
    chart.width, chart.height = WIDTH - LABEL_WIDTH - MARGIN, height - 2 * MARGIN
    chart.data = series
    chart.categoryAxis.categoryNames = [str(label)[:28] for label in labels] or [""]
    chart.categoryAxis.reverseDirection = True
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    if top is not None:
        chart.valueAxis.valueMax = top
    chart.valueAxis.labels.fontSize = 8
    for index in range(len(series)):
        chart.bars[index].fillColor = SERIES_COLOURS[index % len(SERIES_COLOURS)]
    for index, colour in enumerate(colours or ()):
        chart.bars[(0, index)].fillColor = colour
    drawing.add(chart)
    return drawing, chart


def svg(drawing):
    """The drawing as an SVG element to inline in a page (no XML prolog)."""
    text = renderSVG.drawToString(drawing)
    return text[text.index("<svg") :]
