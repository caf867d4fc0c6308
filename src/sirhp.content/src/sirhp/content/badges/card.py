"""Professional badge (carte professionnelle) of an agent, as a PDF.

Pure Python (reportlab, segno, Pillow; no Zope import). ``render_cards``
draws one PDF for a batch of cards, either:

* ``layout="card"``: two CR80 pages per card (front, then back), for card
  printers printing duplex;
* ``layout="a4"``: A4 sheets of 10 cards with cut marks; each sheet of fronts
  is followed by the sheet of backs, mirrored so that a duplex print on the
  long edge puts every back behind its front.

Fonts are the standard PDF Helvetica (WinAnsi encoding): French accents
(é è à ç É...) are rendered and extracted correctly, nothing is embedded.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
import io
import math
from PIL import Image
from PIL import ImageOps
from reportlab import rl_config
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import inch
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
import segno

# ISO/IEC 7810 ID-1 (credit card) size, landscape, in points.
CR80 = (85.6 * mm, 54 * mm)
CARD_W, CARD_H = CR80

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
ELLIPSIS = "…"

# Colours of the Mali flag (vertical tricolour green, gold, red).
FLAG = ("#14b53a", "#fcd116", "#ce1126")
WHITE = colors.white
BLACK = colors.black
GREY_TEXT = colors.HexColor("#555555")
PLACEHOLDER_BG = colors.HexColor("#d9d9d9")
PLACEHOLDER_FG = colors.HexColor("#9a9a9a")

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
LAYOUTS = ("card", "a4")


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


@lru_cache(maxsize=64)
def _colour(value: str) -> colors.Color:
    """reportlab colour of a hex string ("#1f3a93")."""
    return colors.HexColor(value)


def _is_light(colour: colors.Color) -> bool:
    """True for light colours (gold, yellow...), unreadable on white."""
    luminance = 0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue
    return luminance > 0.6


def _text_colour_on(background: colors.Color) -> colors.Color:
    """White text on dark backgrounds, black on light ones."""
    return BLACK if _is_light(background) else WHITE


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def fit_text(
    text: str, font: str, size: float, max_width: float, min_size: float
) -> tuple[str, float]:
    """Return ``(text, size)`` that fits in ``max_width``.

    The font is first shrunk (down to ``min_size``); if the text is still too
    long it is cut and ends with an ellipsis.
    """
    width = stringWidth(text, font, size)
    if width <= max_width:
        return text, size
    size = max(min_size, size * max_width / width)
    if stringWidth(text, font, size) <= max_width:
        return text, size
    while text and stringWidth(text + ELLIPSIS, font, size) > max_width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS, size


def _draw_fitted(c, x, y, text, font, size, max_width, min_size, centred=False):
    text, size = fit_text(text, font, size, max_width, min_size)
    c.setFont(font, size)
    if centred:
        c.drawCentredString(x, y, text)
    else:
        c.drawString(x, y, text)


def _draw_labelled(c, x, y, label, value, size, max_width, min_size, sep=" : "):
    """Draw "Label : value" (label grey, value bold) within ``max_width``."""
    label = f"{label}{sep}"
    width = stringWidth(label, FONT, size) + stringWidth(value, FONT_BOLD, size)
    if width > max_width:
        size = max(min_size, size * max_width / width)
    label_w = stringWidth(label, FONT, size)
    value, size = fit_text(value, FONT_BOLD, size, max_width - label_w, size)
    c.setFillColor(GREY_TEXT)
    c.setFont(FONT, size)
    c.drawString(x, y, label)
    c.setFillColor(BLACK)
    c.setFont(FONT_BOLD, size)
    c.drawString(x + label_w, y, value)


def _flag_stripe(c, y, height):
    """Thin Mali flag across the card: green, gold, red."""
    third = CARD_W / 3
    for index, hex_colour in enumerate(FLAG):
        c.setFillColor(_colour(hex_colour))
        c.rect(index * third, y, third, height, stroke=0, fill=1)


def _photo_reader(card: CardData) -> ImageReader | None:
    """The card photo cropped to 7:9 and scaled to the printer resolution.

    A 700 x 900 photo is scaled down to ``PHOTO_PX``: the PDF stays small and
    fast to build. None without photo; ValueError naming the card if the
    photo cannot be read.
    """
    if not card.photo:
        return None
    try:
        image = Image.open(io.BytesIO(card.photo))
        # JPEG decoded directly at a reduced scale (>= PHOTO_PX): much faster.
        image.draft("RGB", PHOTO_PX)
        image = image.convert("RGB")
        width, height = image.size
        target = PHOTO_PX[0] / PHOTO_PX[1]
        if width / height > target:  # too wide: keep the centre
            crop = height * target
            box = ((width - crop) / 2, 0, (width + crop) / 2, height)
        else:  # too tall: keep the centre
            crop = width / target
            box = (0, (height - crop) / 2, width, (height + crop) / 2)
        image = image.resize(PHOTO_PX, Image.Resampling.BILINEAR, box=box)
    except Exception as error:  # Pillow raises many kinds
        raise ValueError(
            f"Photo illisible pour la carte N° {card.card_number}."
        ) from error
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    out.seek(0)
    return ImageReader(out)


def _draw_photo(c, reader: ImageReader | None):
    """Photo in its 7:9 frame, or a grey placeholder with a silhouette."""
    x, y, w, h = PHOTO_X, PHOTO_Y, PHOTO_W, PHOTO_H
    if reader is None:
        c.saveState()
        path = c.beginPath()
        path.rect(x, y, w, h)
        c.clipPath(path, stroke=0, fill=0)
        c.setFillColor(PLACEHOLDER_BG)
        c.rect(x, y, w, h, stroke=0, fill=1)
        # Silhouette: head and shoulders.
        c.setFillColor(PLACEHOLDER_FG)
        c.circle(x + w / 2, y + h * 0.64, w * 0.2, stroke=0, fill=1)
        c.ellipse(x + w * 0.12, y - h * 0.25, x + w * 0.88, y + h * 0.42, 0, 1)
        c.restoreState()
        c.setFillColor(WHITE)
        c.setFont(FONT_BOLD, 7)
        c.drawCentredString(x + w / 2, y + 2.5 * mm, "PHOTO")
    else:
        c.drawImage(reader, x, y, w, h)
    c.setLineWidth(0.5)
    c.setStrokeColor(GREY_TEXT)
    c.rect(x, y, w, h, stroke=1, fill=0)


def draw_front(c: Canvas, card: CardData, photo: ImageReader | None) -> None:
    """Front of the card, drawn with its lower-left corner at the origin."""
    colour, accent = _colour(card.colour), _colour(card.accent)
    band_text = _text_colour_on(colour)
    c.setFillColor(WHITE)
    c.rect(0, 0, CARD_W, CARD_H, stroke=0, fill=1)

    # Band: country, agency title, agency code.
    band_y = CARD_H - BAND_H
    c.setFillColor(colour)
    c.rect(0, band_y, CARD_W, BAND_H, stroke=0, fill=1)
    code_size = 13
    code_w = stringWidth(card.agency_code, FONT_BOLD, code_size)
    c.setFillColor(accent)
    c.setFont(FONT_BOLD, code_size)
    c.drawRightString(CARD_W - 3 * mm, band_y + 3.5 * mm, card.agency_code)
    c.setFillColor(band_text)
    title_w = CARD_W - 6 * mm - code_w - 2 * mm
    _draw_fitted(
        c, 3 * mm, band_y + 6.6 * mm, card.country.upper(), FONT_BOLD, 6.5, title_w, 5
    )
    _draw_fitted(
        c,
        3 * mm,
        band_y + 2.6 * mm,
        card.agency_title.upper(),
        FONT_BOLD,
        8,
        title_w,
        5.5,
    )
    _flag_stripe(c, band_y - STRIPE_H, STRIPE_H)

    # Title in the agency colour (black if too light), underlined in the accent.
    c.setFillColor(BLACK if _is_light(colour) else colour)
    _draw_fitted(c, TEXT_X, 36.3 * mm, TITLE, FONT_BOLD, 8, TEXT_W, 6)
    c.setStrokeColor(accent)
    c.setLineWidth(1)
    c.line(TEXT_X, 35 * mm, TEXT_X + 22 * mm, 35 * mm)

    _draw_photo(c, photo)

    # Identity.
    c.setFillColor(BLACK)
    _draw_fitted(c, TEXT_X, 30.5 * mm, card.full_name, FONT_BOLD, 10, TEXT_W, 6)
    c.setFillColor(GREY_TEXT)
    _draw_fitted(c, TEXT_X, 26.6 * mm, card.grade, FONT, 7.5, TEXT_W, 5.5)
    _draw_labelled(c, TEXT_X, 22.4 * mm, "Matricule", card.matricule, 7, TEXT_W, 5.5)
    _draw_labelled(c, TEXT_X, 18.6 * mm, "Unité", card.unit, 7, TEXT_W, 5)
    _draw_labelled(
        c, TEXT_X, 14.8 * mm, "Carte N°", card.card_number, 7, TEXT_W, 5.5, sep=" "
    )
    c.setFillColor(BLACK)
    validity = f"Valable du {_fmt(card.issue_date)} au {_fmt(card.expiry_date)}"
    _draw_fitted(c, TEXT_X, 9.5 * mm, validity, FONT, 6.5, TEXT_W, 5)

    # Accent line at the bottom.
    c.setFillColor(accent)
    c.rect(0, 0, CARD_W, 1.5 * mm, stroke=0, fill=1)


def _qr_reader(url: str) -> ImageReader:
    """QR code of ``url`` (error correction M, quiet zone kept) as an image.

    segno's module matrix becomes a greyscale bitmap with Pillow (stored in the
    PDF like a PNG, Flate-compressed), without writing and re-reading a PNG
    file: faster. ``QR_SCALE`` pixels per module keep the modules sharp in
    viewers that smooth images.
    """
    qr = segno.make_qr(url, error="m", boost_error=False)
    size = len(qr.matrix)
    dark = bytes(value for row in qr.matrix for value in row)  # 1 = dark module
    image = Image.frombytes("L", (size, size), dark).point(lambda v: 0 if v else 255)
    image = ImageOps.expand(image, border=QR_BORDER, fill=255)
    image = image.resize(
        (image.width * QR_SCALE, image.height * QR_SCALE), Image.Resampling.NEAREST
    )
    return ImageReader(image)


def _barcode(number: str, max_width: float) -> Code128:
    """Code 128 of the card number, as wide as allowed (bars <= 0.33 mm)."""
    barcode = Code128(
        number,
        barHeight=BARCODE_H,
        barWidth=BARCODE_MAX_BAR,
        humanReadable=True,
        fontName=FONT,
        fontSize=7,
    )
    if barcode.width > max_width:
        bar = BARCODE_MAX_BAR * max_width / barcode.width
        barcode = Code128(
            number,
            barHeight=BARCODE_H,
            barWidth=bar,
            humanReadable=True,
            fontName=FONT,
            fontSize=7,
        )
    return barcode


def draw_back(c: Canvas, card: CardData) -> None:
    """Back of the card, drawn with its lower-left corner at the origin."""
    colour = _colour(card.colour)
    c.setFillColor(WHITE)
    c.rect(0, 0, CARD_W, CARD_H, stroke=0, fill=1)

    band_y = CARD_H - BACK_BAND_H
    c.setFillColor(colour)
    c.rect(0, band_y, CARD_W, BACK_BAND_H, stroke=0, fill=1)
    c.setFillColor(_text_colour_on(colour))
    _draw_fitted(
        c,
        CARD_W / 2,
        band_y + 2.4 * mm,
        card.agency_title.upper(),
        FONT_BOLD,
        8,
        CARD_W - 6 * mm,
        5.5,
        centred=True,
    )
    _flag_stripe(c, band_y - STRIPE_H, STRIPE_H)

    # QR code at left, below the stripe.
    qr_x = 3 * mm
    qr_y = band_y - STRIPE_H - 0.5 * mm - QR_SIZE
    c.drawImage(_qr_reader(card.verification_url), qr_x, qr_y, QR_SIZE, QR_SIZE)

    # Texts at the right of the QR code.
    text_x = qr_x + QR_SIZE + 2 * mm
    text_w = CARD_W - text_x - 3 * mm
    y = band_y - STRIPE_H - 5 * mm
    c.setFillColor(BLACK)
    c.setFont(FONT_BOLD, 7)
    for line in simpleSplit(VERIFY_TEXT, FONT_BOLD, 7, text_w):
        c.drawString(text_x, y, line)
        y -= 8.5
    y -= 4
    c.setFillColor(GREY_TEXT)
    c.setFont(FONT, 6)
    for line in simpleSplit(PROPERTY_TEXT, FONT, 6, text_w):
        c.drawString(text_x, y, line)
        y -= 7.2
    y -= 4
    c.setFillColor(BLACK)
    validity = f"Valable jusqu'au {_fmt(card.expiry_date)}"
    _draw_fitted(c, text_x, y, validity, FONT_BOLD, 6.5, text_w, 5)

    # Code 128 of the card number, centred at the bottom.
    barcode = _barcode(card.card_number, CARD_W - 6 * mm)
    c.setFillColor(BLACK)
    c.setStrokeColor(BLACK)
    barcode.drawOn(c, (CARD_W - barcode.width) / 2, 4.5 * mm)


def _cut_marks(c, x, y, space_x, space_y):
    """Thin lines prolonging the card edges outside its four corners.

    ``space_x`` / ``space_y``: (left, right) and (below, above) free space
    around the card; a mark never goes further than the middle of a gap.
    """
    c.setStrokeColor(BLACK)
    c.setLineWidth(0.25)
    for edge_x, free in ((x, space_x[0]), (x + CARD_W, space_x[1])):
        start = min(CUT_MARK_OFFSET, free / 3)
        end = min(CUT_MARK_OFFSET + CUT_MARK_LENGTH, free)
        for edge_y in (y, y + CARD_H):
            direction = -1 if edge_x == x else 1
            c.line(edge_x + direction * start, edge_y, edge_x + direction * end, edge_y)
    for edge_y, free in ((y, space_y[0]), (y + CARD_H, space_y[1])):
        start = min(CUT_MARK_OFFSET, free / 3)
        end = min(CUT_MARK_OFFSET + CUT_MARK_LENGTH, free)
        for edge_x in (x, x + CARD_W):
            direction = -1 if edge_y == y else 1
            c.line(edge_x, edge_y + direction * start, edge_x, edge_y + direction * end)


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


def _render_card_layout(c: Canvas, cards: list[CardData]) -> None:
    for card in cards:
        draw_front(c, card, _photo_reader(card))
        c.showPage()
        draw_back(c, card)
        c.showPage()


def _render_a4_layout(c: Canvas, cards: list[CardData]) -> None:
    """Sheets of 10 fronts (with cut marks), each followed by its backs.

    Cut marks are drawn on the fronts only: a duplex print never lines up to
    the tenth of a millimetre, two sets of marks would mislead the cutter.
    """
    page_w = A4[0]
    positions = a4_positions()
    per_sheet = len(positions)
    margin_x, margin_y = positions[0][0], positions[-1][1]
    space_x = (
        (margin_x, A4_COL_GAP / 2),  # left column
        (A4_COL_GAP / 2, margin_x),  # right column
    )
    for start in range(0, len(cards), per_sheet):
        sheet = cards[start : start + per_sheet]
        for index, card in enumerate(sheet):
            x, y = positions[index]
            row, col = divmod(index, A4_COLUMNS)
            below = margin_y if row == A4_ROWS - 1 else A4_ROW_GAP / 2
            above = margin_y if row == 0 else A4_ROW_GAP / 2
            _cut_marks(c, x, y, space_x[col], (below, above))
            c.saveState()
            c.translate(x, y)
            draw_front(c, card, _photo_reader(card))
            c.restoreState()
        c.showPage()
        for index, card in enumerate(sheet):
            x, y = positions[index]
            # Mirrored: duplex on the long edge flips the sheet left-right.
            c.saveState()
            c.translate(page_w - x - CARD_W, y)
            draw_back(c, card)
            c.restoreState()
        c.showPage()


@contextmanager
def _binary_streams():
    """Write PDF streams in binary, without the ASCII85 text encoding.

    reportlab encodes images and pages in ASCII85 by default, in pure Python
    unless the optional ``rl_accel`` C extension is installed: about a third of
    the rendering time. ``rl_config.useA85`` is a process-wide setting: it is
    switched off only while rendering; both values give valid PDFs, so another
    thread rendering at the same time is not harmed.
    """
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


def render_cards(cards: list[CardData], layout: str = "card") -> bytes:
    """One PDF with the front and back of every card of ``cards``.

    ``layout``: "card" (CR80 pages, front then back of each card) or "a4"
    (sheets of 10 fronts with cut marks, each followed by the mirrored backs).
    Raises ValueError for an unknown layout, an empty list or an unreadable
    photo (the message names the card).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"Unknown layout {layout!r}: use one of {LAYOUTS}.")
    if not cards:
        raise ValueError("No card to render.")
    out = io.BytesIO()
    with _binary_streams():
        c = Canvas(out, pagesize=CR80 if layout == "card" else A4, pageCompression=1)
        c.setTitle("Cartes professionnelles")
        c.setAuthor("SIRHP")
        c.setCreator("SIRHP")
        if layout == "card":
            _render_card_layout(c, cards)
        else:
            _render_a4_layout(c, cards)
        c.save()
    return out.getvalue()


def page_count(count: int, layout: str = "card") -> int:
    """Number of PDF pages for ``count`` cards in ``layout``."""
    if layout == "card":
        return 2 * count
    return 2 * math.ceil(count / (A4_COLUMNS * A4_ROWS))
