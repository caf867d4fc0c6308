"""Pieces every SIRHP document PDF shares (reportlab, segno; no Zope import):
the Mali flag stripe, the agency header and the QR code of a public check.
The training certificate and the official documents (attestations) draw
them the same way.
"""

from reportlab.lib import colors
from reportlab.lib.units import mm
import segno

FLAG = ("#14b53a", "#fcd116", "#ce1126")
BLUE = colors.HexColor("#1f3a93")


def draw_qr(c, url, x, y, size):
    """The QR code of ``url`` as vector squares (sharp at any zoom)."""
    qr = segno.make_qr(url, error="m", boost_error=False)
    matrix = qr.matrix
    cell = size / (len(matrix) + 8)  # a quiet zone of 4 modules each side
    c.setFillColor(colors.black)
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                c.rect(
                    x + (col_index + 4) * cell,
                    y + size - (row_index + 5) * cell,
                    cell,
                    cell,
                    stroke=0,
                    fill=1,
                )


def draw_header(c, width, height, agency):
    """The flag stripe at the top, « République du Mali » and the agency."""
    stripe = width / 3
    for index, colour in enumerate(FLAG):
        c.setFillColor(colors.HexColor(colour))
        c.rect(index * stripe, height - 8 * mm, stripe, 8 * mm, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.setFont("Helvetica", 11)
    c.drawCentredString(width / 2, height - 18 * mm, "République du Mali")
    c.drawCentredString(width / 2, height - 24 * mm, agency)
