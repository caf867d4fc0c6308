"""What every export page shares: a workbook from tables (openpyxl) and the
journaled attachment answer. Used by the fairness and dashboard exports."""

from io import BytesIO
from openpyxl import Workbook
from sirhp.content.base import hooks

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


def attachment(view, data, content_type, filename):
    """Journal the export (the view's name as detail) and answer ``data`` as
    a download."""
    hooks.journal(EXPORT, obj=view.context, request=view.request, detail=view.__name__)
    response = view.request.response
    response.setHeader("Content-Type", content_type)
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    return data
