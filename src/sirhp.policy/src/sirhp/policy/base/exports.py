"""What every export page shares: a workbook from tables (openpyxl), a PDF
of headings and tables under the agency header (reportlab), and the
journaled attachment answer. Used by the fairness, dashboard, fiche de
renseignements and nominative list exports."""

from io import BytesIO
from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle
from sirhp.content.base import hooks
from sirhp.content.base.pdf_parts import draw_header

EXPORT = "export"  # the journal's action (sirhp.policy.audit.journal.EXPORT)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(sheets):
    """The bytes of a workbook.

    :param sheets: ``[(title, rows)]``, rows as lists of cell values (a
        title is cut to Excel's 31 characters).
    """
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title[:31])
        for row in rows:
            sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


TABLE_STYLE = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)
PAIRS_STYLE = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("FONT", (0, 0), (0, -1), "Helvetica-Bold", 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def pdf(title, agency, blocks, wide=False):
    """The bytes of a PDF: the agency header (``pdf_parts``) on the first
    page, the title, then ``blocks``.

    :param blocks: ``("heading", text)``, ``("text", text)``,
        ``("table", rows)`` (the first row is the header) or
        ``("pairs", rows)`` (label, value).
    :param wide: A4 landscape (lists with many columns).
    """
    size = landscape(A4) if wide else A4
    styles = getSampleStyleSheet()
    story = [Paragraph(_escape(title), styles["Title"])]
    for kind, value in blocks:
        if kind == "heading":
            story.append(Paragraph(_escape(value), styles["Heading2"]))
        elif kind == "text":
            story.append(Paragraph(_escape(value), styles["BodyText"]))
        else:
            rows = [
                ["" if cell is None else str(cell) for cell in row] for row in value
            ]
            table = Table(rows, repeatRows=1 if kind == "table" else 0, hAlign="LEFT")
            table.setStyle(TABLE_STYLE if kind == "table" else PAIRS_STYLE)
            story += [table, Spacer(1, 4 * mm)]

    def first_page(canvas, document):
        draw_header(canvas, size[0], size[1], agency)

    out = BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=size, title=title, author="SIRHP", topMargin=32 * mm
    )
    document.build(story, onFirstPage=first_page)
    return out.getvalue()


def _escape(text):
    """Plain text in a reportlab Paragraph (which reads a little XML)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attachment(view, data, content_type, filename):
    """Journal the export (the view's name as detail) and answer ``data`` as
    a download."""
    hooks.journal(EXPORT, obj=view.context, request=view.request, detail=view.__name__)
    response = view.request.response
    response.setHeader("Content-Type", content_type)
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    return data
