"""Reading the uploaded register: XLSX through openpyxl, CSV separated by
``;`` or ``,`` in UTF-8 or cp1252 (what Excel saves on a French Windows).

An adapter of an external tool, kept out of the rules. Returns the header
row and the data rows with their spreadsheet row numbers.
"""

import csv
import io
from openpyxl import load_workbook
from openpyxl import Workbook
from sirhp.content.legacy import rules
import zipfile

XLSX_MAGIC = b"PK\x03\x04"


class UnreadableFile(ValueError):
    """Neither an XLSX workbook nor a CSV text."""


def read_table(data: bytes, filename: str = ""):
    """``(headers, [(row number, cells)])`` of the first sheet or the CSV.

    :raises UnreadableFile: the bytes are not a readable table.
    """
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data)
    if filename.lower().endswith(".xlsx"):
        raise UnreadableFile(filename)
    return _read_csv(data)


def _read_xlsx(data):
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableFile(str(error)) from error
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        headers = [str(cell or "").strip() for cell in next(rows, ())]
        table = [
            (number, list(cells))
            for number, cells in enumerate(rows, start=2)
            if any(cell not in (None, "") for cell in cells)
        ]
    finally:
        book.close()
    return headers, table


def _read_csv(data):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise UnreadableFile("binary")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    headers = [cell.strip() for cell in next(rows, [])]
    if not any(headers):
        raise UnreadableFile("empty")
    table = [
        (number, cells)
        for number, cells in enumerate(rows, start=2)
        if any(cell.strip() for cell in cells)
    ]
    return headers, table


def template(corps, grades, units) -> bytes:
    """The XLSX template: headers and one example row, then a sheet of the
    valid codes (corps, grades with their corps, the agency's units).

    :param corps: ``{code: label}``; :param grades: ``{code: (label, corps)}``;
    :param units: ``{code: (title, uid)}``.
    """
    book = Workbook()
    sheet = book.active
    sheet.title = "Agents"
    sheet.append(list(rules.TEMPLATE_HEADERS))
    example = dict(rules.EXAMPLE_ROW)
    example["corps"] = next(iter(corps), "")
    example["grade"] = next(
        (code for code, (_l, c) in grades.items() if c == example["corps"]), ""
    )
    example["unit"] = next(iter(units), "")
    sheet.append([example.get(field, "") for field in rules.FIELDS])
    codes = book.create_sheet("Codes")
    codes.append(["Type", "Code", "Libellé", "Corps"])
    for code, label in corps.items():
        codes.append(["Corps", code, label, ""])
    for code, (label, corps_code) in grades.items():
        codes.append(["Grade", code, label, corps_code or ""])
    for code, (title, _uid) in units.items():
        codes.append(["Unité", code, title, ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
