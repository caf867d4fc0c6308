"""Rules of the ID photo (pure): accepted formats from the bytes, size and
pixel limits, the 7:9 crop box. Pillow's work is in ``image.py``; ``api.py``
calls both (tests/unit/test_photo.py)."""

import math
from string import Template

# The format is decided from the bytes, never the name.

# Width:height of an ID photo (35 x 45 mm).
ID_RATIO = (7, 9)
# Minimum size, in pixels, of the ID photo (and of the uploaded original).
MIN_WIDTH = 350
MIN_HEIGHT = 450
# Largest ID photo stored: bigger crops are scaled down to this size.
MAX_ID_WIDTH = 700
MAX_ID_HEIGHT = 900
# Decompression-bomb guard: images with more pixels are refused before decoding.
MAX_PIXELS = 40_000_000
MAX_BYTES = 15 * 1024 * 1024
# Formats accepted, as named by Pillow (decided from the file content).
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
# Pillow names "MPO" the JPEG files of cameras storing several pictures.
JPEG_VARIANTS = ("MPO",)
# Other image formats, only recognised to give a clear refusal message.
OTHER_SIGNATURES = (
    (0, b"GIF8", "GIF"),
    (0, b"BM", "BMP"),
    (0, b"II*\x00", "TIFF"),
    (0, b"MM\x00*", "TIFF"),
    (4, b"ftypheic", "HEIC"),
    (4, b"ftypheix", "HEIC"),
    (4, b"ftypmif1", "HEIF"),
    (4, b"ftypavif", "AVIF"),
    (0, b"\x00\x00\x00\x0cjP  ", "JPEG 2000"),
)
# A box whose ratio differs from 7:9 by more than this is corrected.
RATIO_TOLERANCE = 0.02
# The browser cropper may round a box one pixel past the edge: tolerated.
EDGE_TOLERANCE = 1

# (msgid, French default) of each refusal; the domain API translates them.
MSG_EMPTY = ("error_photo_empty", "Le fichier est vide.")
MSG_TOO_BIG = (
    "error_photo_too_big",
    "Le fichier est trop volumineux : 15 Mo au maximum.",
)
MSG_NOT_IMAGE = (
    "error_photo_not_image",
    "Le fichier n'est pas une image (formats acceptés : JPEG, PNG, WEBP).",
)
MSG_FORMAT = (
    "error_photo_format",
    "Format d'image non accepté (${format}) : formats acceptés : JPEG, PNG, WEBP.",
)
MSG_TOO_MANY_PIXELS = (
    "error_photo_too_many_pixels",
    "L'image est trop grande : 40 millions de pixels au maximum.",
)
MSG_TOO_MANY_PIXELS_SIZE = (
    "error_photo_too_many_pixels_size",
    "L'image est trop grande : 40 millions de pixels au maximum "
    "(reçue : ${width} × ${height}).",
)
MSG_CORRUPT = (
    "error_photo_corrupt",
    "L'image est incomplète ou endommagée : veuillez envoyer un autre fichier.",
)
MSG_TOO_SMALL = (
    "error_photo_too_small",
    "La photo est trop petite : ${min_width} × ${min_height} pixels au minimum "
    "(reçue : ${width} × ${height}).",
)
MSG_BOX_OUTSIDE = (
    "error_photo_box_outside",
    "Le cadrage sort de l'image (image de ${width} × ${height} pixels) : "
    "veuillez recadrer la photo.",
)
MSG_BAD_BOX = (
    "error_photo_bad_box",
    "Cadrage invalide : quatre nombres attendus, « x,y,largeur,hauteur » "
    "(largeur et hauteur positives).",
)

Box = tuple[int, int, int, int]


class PhotoRefused(ValueError):
    """A photo refused by a rule. ``message`` is the French sentence;
    ``msgid``, ``default`` and ``mapping`` let the domain API translate it."""

    def __init__(self, refusal: tuple[str, str], **mapping):
        self.msgid, self.default = refusal
        self.mapping = mapping
        self.message = Template(self.default).safe_substitute(mapping)
        super().__init__(self.message)


def check_size_in_bytes(data: bytes) -> None:
    """Refuse an empty file, or one over ``MAX_BYTES``."""
    if not data:
        raise PhotoRefused(MSG_EMPTY)
    if len(data) > MAX_BYTES:
        raise PhotoRefused(MSG_TOO_BIG)


def refuse_unknown_format(data: bytes):
    """Refuse bytes no accepted reader recognised, naming a known format."""
    for offset, signature, name in OTHER_SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            raise PhotoRefused(MSG_FORMAT, format=name)
    # SVG, HTML, PDF, text... are not raster images.
    raise PhotoRefused(MSG_NOT_IMAGE)


def check_format(image_format: str | None) -> None:
    """Refuse a format other than JPEG (and its MPO variant), PNG, WEBP."""
    if image_format not in ACCEPTED_FORMATS + JPEG_VARIANTS:
        raise PhotoRefused(MSG_FORMAT, format=image_format or "?")


def check_pixels(width: int, height: int) -> None:
    """Refuse more than ``MAX_PIXELS`` pixels (checked before decoding)."""
    if width * height > MAX_PIXELS:
        raise PhotoRefused(MSG_TOO_MANY_PIXELS_SIZE, width=width, height=height)


def looks_truncated(data: bytes, image_format: str) -> bool:
    """A cut-off file, checked on the bytes.

    Pillow would say so on ``load()``, but plone.scale sets the process-wide
    ``PIL.ImageFile.LOAD_TRUNCATED_IMAGES`` in Plone, which silently pads a
    truncated JPEG with grey. So: a JPEG must end with its EOI marker, a WEBP
    must be as long as its RIFF header says (PNG: ``verify()`` reads up to IEND).
    """
    if image_format in ("JPEG", "MPO"):
        return b"\xff\xd9" not in data.rstrip(b"\x00\r\n ")[-16:]
    if image_format == "WEBP" and data[:4] == b"RIFF":
        return int.from_bytes(data[4:8], "little") + 8 > len(data)
    return False


def check_min_size(width: int, height: int) -> None:
    """Refuse a photo (or a crop) under ``MIN_WIDTH`` x ``MIN_HEIGHT``."""
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise PhotoRefused(
            MSG_TOO_SMALL,
            min_width=MIN_WIDTH,
            min_height=MIN_HEIGHT,
            width=width,
            height=height,
        )


def centred_box(width: int, height: int) -> Box:
    """The largest 7:9 box centred in a ``width`` x ``height`` image."""
    ratio_w, ratio_h = ID_RATIO
    if width * ratio_h >= height * ratio_w:  # wider than 7:9: full height
        box_w, box_h = min(width, round(height * ratio_w / ratio_h)), height
    else:  # taller than 7:9: full width
        box_w, box_h = width, min(height, round(width * ratio_h / ratio_w))
    return (width - box_w) // 2, (height - box_h) // 2, box_w, box_h


def fit_ratio(box: Box, width: int, height: int) -> Box:
    """Correct ``box`` to the 7:9 ratio when it is more than 2 % off.

    Rule: the width chosen by the user is kept and the height becomes
    width x 9 / 7, around the same centre, moved to stay inside the image.
    If the image is not tall enough, the height becomes the image height and
    the width is reduced to height x 7 / 9 around the same centre.
    """
    x, y, box_w, box_h = box
    ratio_w, ratio_h = ID_RATIO
    target = ratio_w / ratio_h
    if abs((box_w / box_h) / target - 1) <= RATIO_TOLERANCE:
        return box
    centre_x, centre_y = x + box_w / 2, y + box_h / 2
    new_w, new_h = box_w, round(box_w * ratio_h / ratio_w)
    if new_h > height:
        new_h = height
        new_w = min(box_w, round(height * ratio_w / ratio_h))
    new_x = min(max(round(centre_x - new_w / 2), 0), width - new_w)
    new_y = min(max(round(centre_y - new_h / 2), 0), height - new_h)
    return new_x, new_y, new_w, new_h


def crop_box(box: Box | None, width: int, height: int) -> Box:
    """The box cropped out of a ``width`` x ``height`` upright image.

    ``None`` takes the largest centred 7:9 box. A given box must lie inside
    the image (one pixel of rounding tolerated); its ratio is corrected by
    ``fit_ratio``. The crop must be at least ``MIN_WIDTH`` x ``MIN_HEIGHT``.
    """
    if box is None:
        box = centred_box(width, height)
    else:
        x, y, box_w, box_h = box
        if (
            box_w <= 0
            or box_h <= 0
            or x < 0
            or y < 0
            or x + box_w > width + EDGE_TOLERANCE
            or y + box_h > height + EDGE_TOLERANCE
        ):
            raise PhotoRefused(MSG_BOX_OUTSIDE, width=width, height=height)
        box = (x, y, min(box_w, width - x), min(box_h, height - y))
        box = fit_ratio(box, width, height)
    check_min_size(box[2], box[3])
    return box


def id_photo_size(box_width: int) -> tuple[int, int]:
    """Pixels of the stored ID photo: exactly 7:9, at most 700 x 900 (the box
    is within 2 % of 7:9: the scaling is invisible)."""
    out_w = min(box_width, MAX_ID_WIDTH)
    out_h = min(round(out_w * ID_RATIO[1] / ID_RATIO[0]), MAX_ID_HEIGHT)
    return out_w, out_h


def parse_box(value) -> Box | None:
    """Parse a crop box sent by a form (``"x,y,w,h"``) or the REST API (that
    text, or a list of four numbers).

    Numbers may be decimals (rounded to the nearest pixel). Empty -> ``None``
    (centred crop). Anything else raises ``PhotoRefused``.
    """
    if isinstance(value, (list, tuple)):
        value = ",".join(str(part) for part in value)
    if value is None or not str(value).strip():
        return None
    parts = str(value).split(",")
    if len(parts) != 4:
        raise PhotoRefused(MSG_BAD_BOX)
    try:
        numbers = [float(part.strip()) for part in parts]
    except ValueError:
        raise PhotoRefused(MSG_BAD_BOX) from None
    if not all(math.isfinite(number) for number in numbers):
        raise PhotoRefused(MSG_BAD_BOX)
    x, y, box_w, box_h = (round(number) for number in numbers)
    if box_w <= 0 or box_h <= 0:
        raise PhotoRefused(MSG_BAD_BOX)
    return x, y, box_w, box_h


def box_text(box: Box | None) -> str:
    """A crop box as stored on the file (``photo_crop``): ``"x,y,w,h"`` or ''."""
    return ",".join(str(int(value)) for value in box) if box else ""
