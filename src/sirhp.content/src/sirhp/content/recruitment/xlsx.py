"""The marks spreadsheet (openpyxl): the template a campaign hands out, and
its reading (the legacy import's reader: one XLSX reader in SIRHP)."""

import io
from openpyxl import Workbook
from sirhp.content.legacy.reader import read_table  # noqa: F401
from sirhp.content.legacy.reader import UnreadableFile  # noqa: F401


def template(stages) -> bytes:
    """A workbook whose header row is ``NINA`` then one column per stage
    code; the second row gives each stage's label and maximum."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Notes"
    sheet.append(["NINA", *[stage.code for stage in stages]])
    notes = book.create_sheet("Épreuves")
    notes.append(["Code", "Libellé", "Note maximale", "Note éliminatoire"])
    for stage in stages:
        notes.append([stage.code, stage.label, stage.maximum, stage.minimum])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
