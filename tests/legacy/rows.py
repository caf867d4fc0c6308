"""Synthetic registers for the legacy import tests and benchmark."""

import csv
import io
from openpyxl import Workbook
from sirhp.content.legacy import rules

HEADERS = list(rules.TEMPLATE_HEADERS)
FIELDS = list(rules.FIELDS)


def row(index, **values):
    """One valid row (matricule 9xxxxxL, NINA from the index)."""
    base = {
        "matricule": f"{900000 + index:06d}K",
        "nina": f"{index:015d}",
        "last_name": "Coulibaly",
        "first_names": "Moussa",
        "sex": "M",
        "birth_date": "12/03/1985",
        "birth_place": "Ségou",
        "hire_date": "01/10/2008",
        "corps": "officiers",
        "grade": "officier-2",
        "unit": "dr-bamako/commissariat-1",
    }
    base.update(values)
    return [base.get(field, "") for field in FIELDS]


def xlsx(rows, headers=HEADERS) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Agents")
    sheet.append(headers)
    for cells in rows:
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, headers=HEADERS, delimiter=";", encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)
