"""The official document (attestation, état des services) as one PDF page.

The adapter of reportlab for this domain (no Zope import): A4 portrait, the
agency header and the QR code of the training certificate
(``sirhp.content.base.pdf_parts``), the title, the text, the career lines of
an état des services, the place and date, the signer's name and title, the
number and the verification QR code.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
import io
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sirhp.content.attestations import rules
from sirhp.content.base.pdf_parts import BLUE
from sirhp.content.base.pdf_parts import draw_header
from sirhp.content.base.pdf_parts import draw_qr

QR_SIZE = 35 * mm
MAX_LINES = 22  # career lines on the page; an older career is summarised


@dataclass
class DocumentData:
    agency: str
    kind: str
    number: str
    issued_on: date
    signer_name: str
    signer_title: str
    body: list
    url: str
    lines: list = field(default_factory=list)  # état des services


def _career(c, lines, x, y):
    c.setFont("Helvetica-Bold", 10)
    for text, at in (("Date", 0), ("Acte", 28), ("Grade", 78), ("Unité", 118)):
        c.drawString(x + at * mm, y, text)
    c.setFont("Helvetica", 10)
    shown = lines[-MAX_LINES:]
    if len(lines) > len(shown):
        y -= 6 * mm
        c.drawString(x, y, f"… {len(lines) - len(shown)} acte(s) antérieur(s)")
    for line in shown:
        y -= 6 * mm
        c.drawString(x, y, rules.fmt(line["date"]))
        c.drawString(x + 28 * mm, y, line["title"][:28])
        c.drawString(x + 78 * mm, y, str(line["grade"])[:22])
        c.drawString(x + 118 * mm, y, str(line["unit"])[:34])
    return y


def render_document(data: DocumentData) -> bytes:
    """One A4 page: the document ``data`` describes."""
    out = io.BytesIO()
    width, height = A4
    c = Canvas(out, pagesize=(width, height), pageCompression=1)
    title = rules.KIND_TITLES[data.kind]
    c.setTitle(f"{title} {data.number}")
    c.setAuthor("SIRHP")
    c.setCreator("SIRHP")
    draw_header(c, width, height, data.agency)
    c.setFont("Helvetica", 10)
    c.drawRightString(width - 20 * mm, height - 34 * mm, f"N° {data.number}")
    c.setFillColor(BLUE)
    c.setFont("Helvetica-Bold", 22)
    c.drawCentredString(width / 2, height - 52 * mm, title.upper())
    c.setFillColor(colors.black)
    c.setFont("Helvetica", 12)
    y = height - 72 * mm
    c.drawString(20 * mm, y, f"{data.signer_name}, {data.signer_title},")
    for text in data.body:
        y -= 7 * mm
        c.drawString(20 * mm, y, text)
    if data.lines:
        y = _career(c, data.lines, 20 * mm, y - 12 * mm)
    y = min(y - 14 * mm, 80 * mm)
    c.setFont("Helvetica", 12)
    c.drawString(20 * mm, y, f"Fait le {rules.fmt(data.issued_on)}")
    c.setFont("Helvetica-Bold", 12)
    c.drawString(20 * mm, y - 12 * mm, data.signer_name)
    c.setFont("Helvetica", 11)
    c.drawString(20 * mm, y - 18 * mm, data.signer_title)
    draw_qr(c, data.url, width - 20 * mm - QR_SIZE, 15 * mm, QR_SIZE)
    c.setFont("Helvetica", 8)
    c.drawRightString(
        width - 20 * mm, 12 * mm, "Vérifiez ce document en scannant le code."
    )
    c.showPage()
    c.save()
    return out.getvalue()
