"""The two faces of one badge, drawn on a reportlab canvas.

Part of the card PDF adapter (``card.py`` lays the faces on pages and
sheets; ``card_layout.py`` says where things go). reportlab, segno and
Pillow; no Zope import. Fonts are the standard PDF Helvetica (WinAnsi
encoding): French accents (é è à ç É...) are rendered and extracted
correctly, nothing is embedded.
"""

from datetime import date
from functools import lru_cache
import io
from PIL import Image
from PIL import ImageOps
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
import segno
from sirhp.content.badges.card_layout import BACK_BAND_H
from sirhp.content.badges.card_layout import BAND_H
from sirhp.content.badges.card_layout import BARCODE_H
from sirhp.content.badges.card_layout import BARCODE_MAX_BAR
from sirhp.content.badges.card_layout import CARD_H
from sirhp.content.badges.card_layout import CARD_W
from sirhp.content.badges.card_layout import CardData
from sirhp.content.badges.card_layout import FLAG
from sirhp.content.badges.card_layout import PHOTO_H
from sirhp.content.badges.card_layout import PHOTO_PX
from sirhp.content.badges.card_layout import PHOTO_W
from sirhp.content.badges.card_layout import PHOTO_X
from sirhp.content.badges.card_layout import PHOTO_Y
from sirhp.content.badges.card_layout import PROPERTY_TEXT
from sirhp.content.badges.card_layout import QR_BORDER
from sirhp.content.badges.card_layout import QR_SCALE
from sirhp.content.badges.card_layout import QR_SIZE
from sirhp.content.badges.card_layout import STRIPE_H
from sirhp.content.badges.card_layout import TEXT_W
from sirhp.content.badges.card_layout import TEXT_X
from sirhp.content.badges.card_layout import TITLE
from sirhp.content.badges.card_layout import VERIFY_TEXT

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
ELLIPSIS = "…"

WHITE = colors.white
BLACK = colors.black
GREY_TEXT = colors.HexColor("#555555")
PLACEHOLDER_BG = colors.HexColor("#d9d9d9")
PLACEHOLDER_FG = colors.HexColor("#9a9a9a")


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


def photo_reader(card: CardData) -> ImageReader | None:
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
