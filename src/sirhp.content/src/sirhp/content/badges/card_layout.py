"""Where things go on the badge PDF: sizes, positions, texts, the card data.

The geometry of ``card.py`` (which draws): a CR80 card (ISO/IEC 7810 ID-1),
its front and back, and A4 sheets of 10 cards with cut marks. No drawing and
no Zope import here; lengths are PDF points (reportlab units).
"""

from dataclasses import dataclass
from datetime import date
import math
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import inch
from reportlab.lib.units import mm

# ISO/IEC 7810 ID-1 (credit card) size, landscape, in points.
CR80 = (85.6 * mm, 54 * mm)
CARD_W, CARD_H = CR80

# Colours of the Mali flag (vertical tricolour green, gold, red).
FLAG = ("#14b53a", "#fcd116", "#ce1126")
# The accent colour of every agency's card (underlines, code, bottom line).
ACCENT = "#C9A227"

TITLE = "CARTE PROFESSIONNELLE"
VERIFY_TEXT = "Vérifiez cette carte : scannez le code QR"
PROPERTY_TEXT = (
    "Cette carte est la propriété de l'État. Si vous la trouvez, "
    "remettez-la au commissariat le plus proche."
)

# Front: coloured band, flag stripe, photo (7:9) at left, text at right.
BAND_H = 11 * mm
STRIPE_H = 1 * mm
PHOTO_X, PHOTO_Y = 4 * mm, 7 * mm
PHOTO_W = 20 * mm
PHOTO_H = PHOTO_W * 9 / 7  # 25.7 mm, like a 35 x 45 mm ID photo
# Pixels of the photo embedded in the PDF: 300 dpi, the card printers' resolution.
PHOTO_PX = (round(PHOTO_W / inch * 300), round(PHOTO_H / inch * 300))
TEXT_X = PHOTO_X + PHOTO_W + 3 * mm
TEXT_W = CARD_W - TEXT_X - 3 * mm

# Back: band with the agency title, QR code at left, Code 128 at the bottom.
BACK_BAND_H = 7 * mm
QR_SIZE = 30 * mm  # with the 4-module quiet zone: symbol >= 22 mm
QR_BORDER = 4  # modules of quiet zone (ISO/IEC 18004)
QR_SCALE = 4  # pixels per module of the embedded bitmap: sharp enough, small
BARCODE_H = 8 * mm
BARCODE_MAX_BAR = 0.33 * mm  # narrowest bar; thinner if the number is long

# A4 sheets: 2 columns x 5 rows of cards, centred, with gaps for the cutter.
A4_COLUMNS, A4_ROWS = 2, 5
A4_COL_GAP = 10 * mm
A4_ROW_GAP = 4 * mm
CUT_MARK_OFFSET = 1 * mm  # marks start this far from the card corner
CUT_MARK_LENGTH = 4 * mm


@dataclass
class CardData:
    """What is printed on one badge."""

    agency_title: str  # "Police nationale", "Office central des stupéfiants"
    agency_code: str  # "PN", "OCS"
    colour: str  # agency colour, hex "#1f3a93"
    accent: str  # accent colour, hex "#c9a227"
    full_name: str
    grade: str
    matricule: str
    unit: str
    card_number: str  # ASCII (Code 128)
    issue_date: date
    expiry_date: date
    verification_url: str  # encoded as is in the QR code
    photo: bytes | None = None  # JPEG (or PNG); None: grey placeholder
    country: str = "République du Mali"


def a4_positions() -> list[tuple[float, float]]:
    """Lower-left corners of the 10 cards of an A4 sheet, row by row from the
    top, left column first."""
    page_w, page_h = A4
    block_w = A4_COLUMNS * CARD_W + (A4_COLUMNS - 1) * A4_COL_GAP
    block_h = A4_ROWS * CARD_H + (A4_ROWS - 1) * A4_ROW_GAP
    left = (page_w - block_w) / 2
    top = (page_h + block_h) / 2
    return [
        (left + col * (CARD_W + A4_COL_GAP), top - CARD_H - row * (CARD_H + A4_ROW_GAP))
        for row in range(A4_ROWS)
        for col in range(A4_COLUMNS)
    ]


def a4_cut_marks() -> list[list[tuple[float, float, float, float]]]:
    """The cut marks of each card slot of an A4 sheet (same order as
    ``a4_positions``): thin lines ``(x1, y1, x2, y2)`` prolonging the card
    edges outside its four corners, never further than the middle of a gap.
    """
    positions = a4_positions()
    margin_x, margin_y = positions[0][0], positions[-1][1]
    space_x = (
        (margin_x, A4_COL_GAP / 2),  # left column: (left, right) free space
        (A4_COL_GAP / 2, margin_x),  # right column
    )
    marks = []
    for index, (x, y) in enumerate(positions):
        row, col = divmod(index, A4_COLUMNS)
        below = margin_y if row == A4_ROWS - 1 else A4_ROW_GAP / 2
        above = margin_y if row == 0 else A4_ROW_GAP / 2
        marks.append(_cut_marks(x, y, space_x[col], (below, above)))
    return marks


def _cut_marks(x, y, space_x, space_y):
    """``space_x`` / ``space_y``: (left, right) and (below, above) free space
    around the card at ``(x, y)``."""
    lines = []
    for edge_x, free in ((x, space_x[0]), (x + CARD_W, space_x[1])):
        start = min(CUT_MARK_OFFSET, free / 3)
        end = min(CUT_MARK_OFFSET + CUT_MARK_LENGTH, free)
        for edge_y in (y, y + CARD_H):
            direction = -1 if edge_x == x else 1
            lines.append(
                (edge_x + direction * start, edge_y, edge_x + direction * end, edge_y)
            )
    for edge_y, free in ((y, space_y[0]), (y + CARD_H, space_y[1])):
        start = min(CUT_MARK_OFFSET, free / 3)
        end = min(CUT_MARK_OFFSET + CUT_MARK_LENGTH, free)
        for edge_x in (x, x + CARD_W):
            direction = -1 if edge_y == y else 1
            lines.append(
                (edge_x, edge_y + direction * start, edge_x, edge_y + direction * end)
            )
    return lines


def page_count(count: int, layout: str = "card") -> int:
    """Number of PDF pages for ``count`` cards in ``layout``."""
    if layout == "card":
        return 2 * count
    return 2 * math.ceil(count / (A4_COLUMNS * A4_ROWS))
