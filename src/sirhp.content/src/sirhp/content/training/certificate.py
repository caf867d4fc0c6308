"""The training certificate (attestation de formation) as one PDF page.

The adapter of reportlab and segno for the training domain (no Zope import),
on the model of the badge card (``sirhp.content.badges.card``): A4
landscape, the Mali flag stripe, the officer, the course, the session, the
expiry, and a QR code of the public check page
(``verification.verification_url``). Standard Helvetica: French accents are
rendered, nothing is embedded.
"""

from dataclasses import dataclass
from datetime import date
import io
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sirhp.content.base.pdf_parts import BLUE
from sirhp.content.base.pdf_parts import draw_header
from sirhp.content.base.pdf_parts import draw_qr

QR_SIZE = 40 * mm


@dataclass
class CertificateData:
    agency: str
    name: str
    matricule: str
    course: str
    code: str
    hours: int
    start: date | None
    end: date | None
    expiry: date | None
    url: str


def _fmt(day):
    return day.strftime("%d/%m/%Y") if day else ""


def render_certificate(data: CertificateData) -> bytes:
    """One A4 landscape page certifying that ``data.name`` passed the course."""
    out = io.BytesIO()
    width, height = landscape(A4)
    c = Canvas(out, pagesize=(width, height), pageCompression=1)
    c.setTitle(f"Attestation de formation - {data.course}")
    c.setAuthor("SIRHP")
    c.setCreator("SIRHP")
    draw_header(c, width, height, data.agency)
    c.setFillColor(BLUE)
    c.setFont("Helvetica-Bold", 28)
    c.drawCentredString(width / 2, height - 48 * mm, "ATTESTATION DE FORMATION")
    c.setFillColor(colors.black)
    c.setFont("Helvetica", 13)
    c.drawCentredString(width / 2, height - 66 * mm, "Il est attesté que")
    c.setFont("Helvetica-Bold", 20)
    c.drawCentredString(width / 2, height - 78 * mm, data.name)
    c.setFont("Helvetica", 12)
    c.drawCentredString(width / 2, height - 86 * mm, f"Matricule {data.matricule}")
    c.setFont("Helvetica", 13)
    c.drawCentredString(
        width / 2, height - 100 * mm, "a suivi avec succès la formation"
    )
    c.setFont("Helvetica-Bold", 16)
    c.drawCentredString(
        width / 2, height - 111 * mm, f"{data.course} ({data.code}), {data.hours} h"
    )
    c.setFont("Helvetica", 12)
    c.drawCentredString(
        width / 2,
        height - 121 * mm,
        f"Session du {_fmt(data.start)} au {_fmt(data.end)}",
    )
    validity = (
        f"Valable jusqu'au {_fmt(data.expiry)} (exclu)"
        if data.expiry
        else "Sans limite de validité"
    )
    c.drawCentredString(width / 2, height - 130 * mm, validity)
    draw_qr(c, data.url, width - 20 * mm - QR_SIZE, 15 * mm, QR_SIZE)
    c.setFont("Helvetica", 8)
    c.drawRightString(
        width - 20 * mm,
        12 * mm,
        "Vérifiez cette attestation en scannant le code.",
    )
    c.showPage()
    c.save()
    return out.getvalue()
