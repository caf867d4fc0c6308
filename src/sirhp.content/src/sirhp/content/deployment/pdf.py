"""The nominative list of a deployment list as a PDF (reportlab; no Zope
import): the agency header, the list's title, purpose and dates, then one
line per officer (the columns the caller gives), on as many A4 landscape
pages as needed."""

from io import BytesIO
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sirhp.content.base.pdf_parts import draw_header

LINE = 6 * mm
MARGIN = 15 * mm


def _cell(text, width, font_size):
    """``text`` cut to fit ``width`` (Helvetica at ``font_size``)."""
    text = "" if text is None else str(text)
    limit = max(int(width / (font_size * 0.5)), 4)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def nominative_list(*, agency, title, lines, header, rows, widths):
    """The PDF's bytes.

    :param agency: the agency's name (header).
    :param title: the document's title.
    :param lines: text lines under the title (purpose, dates).
    :param header: the column titles.
    :param rows: one list of cell texts per officer.
    :param widths: the columns' relative widths.
    """
    out = BytesIO()
    width, height = landscape(A4)
    c = Canvas(out, pagesize=(width, height))
    c.setTitle(title)
    usable = width - 2 * MARGIN
    total = sum(widths)
    columns = [usable * w / total for w in widths]

    def row(cells, y, bold=False):
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 8)
        x = MARGIN
        for text, column in zip(cells, columns, strict=True):
            c.drawString(x, y, _cell(text, column, 8))
            x += column

    def page_top():
        draw_header(c, width, height, agency)
        c.setFont("Helvetica-Bold", 13)
        c.drawCentredString(width / 2, height - 34 * mm, title)
        y = height - 42 * mm
        c.setFont("Helvetica", 9)
        for text in lines:
            c.drawString(MARGIN, y, _cell(text, usable, 9))
            y -= LINE
        row(header, y - 2 * mm, bold=True)
        return y - 2 * mm - LINE

    y = page_top()
    for cells in rows:
        if y < MARGIN:
            c.showPage()
            y = page_top()
        row(cells, y)
        y -= LINE
    c.showPage()
    c.save()
    return out.getvalue()
