"""Rules on the ID photo of a personnel file: checks, cleaning and cropping.

Pure Python (Pillow only, no Zope import). Every refusal raises ``PhotoError``
with a French message meant for the user.

What SIRHP keeps of an uploaded photo:

* ``clean_photo``: the original, upright, re-encoded as JPEG without any
  metadata (no EXIF, no GPS position, no XMP, no comment, no ICC profile);
* ``crop_to_id``: the ID photo (ratio 7:9, like a 35 x 45 mm photo), at most
  700 x 900 pixels, printed on the badge;
* ``thumbnail``: a small JPEG for the public verification page.

The format is always decided from the bytes, never from the file name.
"""

from dataclasses import dataclass
import io
import math
from PIL import Image
from PIL import ImageOps
from PIL import UnidentifiedImageError

try:
    from PIL import ImageCms
except ImportError:  # Pillow built without littlecms: colours kept as they are
    ImageCms = None

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
_JPEG_VARIANTS = ("MPO",)
# Other image formats, only recognised to give a clear refusal message.
_OTHER_SIGNATURES = (
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

ORIGINAL_QUALITY = 90
ID_QUALITY = 88
THUMBNAIL_QUALITY = 70

MSG_EMPTY = "Le fichier est vide."
MSG_TOO_BIG = "Le fichier est trop volumineux : 15 Mo au maximum."
MSG_NOT_IMAGE = "Le fichier n'est pas une image (formats acceptés : JPEG, PNG, WEBP)."
MSG_FORMAT = (
    "Format d'image non accepté ({format}) : formats acceptés : JPEG, PNG, WEBP."
)
MSG_TOO_MANY_PIXELS = "L'image est trop grande : 40 millions de pixels au maximum."
MSG_TOO_MANY_PIXELS_SIZE = (
    "L'image est trop grande : 40 millions de pixels au maximum "
    "(reçue : {width} × {height})."
)
MSG_CORRUPT = (
    "L'image est incomplète ou endommagée : veuillez envoyer un autre fichier."
)
MSG_TOO_SMALL = (
    "La photo est trop petite : {min_width} × {min_height} pixels au minimum "
    "(reçue : {width} × {height})."
)
MSG_BOX_OUTSIDE = (
    "Le cadrage sort de l'image (image de {width} × {height} pixels) : "
    "veuillez recadrer la photo."
)
MSG_BAD_BOX = (
    "Cadrage invalide : quatre nombres attendus, « x,y,largeur,hauteur » "
    "(largeur et hauteur positives)."
)

Box = tuple[int, int, int, int]


class PhotoError(ValueError):
    """A photo refused; ``message`` is the French text shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CleanPhoto:
    """A re-encoded photo without metadata, ready to be stored."""

    data: bytes
    content_type: str
    width: int
    height: int


def _open(data: bytes) -> Image.Image:
    """Open ``data`` lazily (header only) after the byte-level checks.

    Refuses empty or too big files, non-images, formats other than JPEG / PNG /
    WEBP and images with more than ``MAX_PIXELS`` pixels; nothing is decoded.
    """
    if not data:
        raise PhotoError(MSG_EMPTY)
    if len(data) > MAX_BYTES:
        raise PhotoError(MSG_TOO_BIG)
    try:
        # Only the accepted formats' readers ever see the data.
        image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except UnidentifiedImageError:
        for offset, signature, name in _OTHER_SIGNATURES:
            if data[offset : offset + len(signature)] == signature:
                raise PhotoError(MSG_FORMAT.format(format=name)) from None
        # SVG, HTML, PDF, text... are not raster images Pillow knows.
        raise PhotoError(MSG_NOT_IMAGE) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard (or its warning turned into an error).
        raise PhotoError(MSG_TOO_MANY_PIXELS) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise PhotoError(MSG_CORRUPT) from None
    if image.format not in ACCEPTED_FORMATS + _JPEG_VARIANTS:
        raise PhotoError(MSG_FORMAT.format(format=image.format or "?"))
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise PhotoError(MSG_TOO_MANY_PIXELS_SIZE.format(width=width, height=height))
    return image


def _looks_truncated(data: bytes, image_format: str) -> bool:
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


def load_image(data: bytes) -> Image.Image:
    """Check, decode and return the image of ``data``, upright (EXIF orientation).

    Raises ``PhotoError`` for empty, too big, non-image, unsupported,
    oversized (pixel bomb) or truncated/corrupt files.
    """
    image = _open(data)
    if _looks_truncated(data, image.format):
        raise PhotoError(MSG_CORRUPT)
    try:
        # PNG: checks the checksum of every chunk (a no-op for JPEG and WEBP).
        Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS).verify()
        image.load()
        upright = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(
            MSG_TOO_MANY_PIXELS_SIZE.format(width=image.width, height=image.height)
        ) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        # "image file is truncated" (unless some code set the process-wide
        # PIL.ImageFile.LOAD_TRUNCATED_IMAGES), broken data stream, bad EXIF...
        raise PhotoError(MSG_CORRUPT) from None
    return upright if upright is not None else image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert colours of an image with an embedded ICC profile to sRGB.

    The profile itself is not kept (it is metadata); converting first keeps the
    colours of e.g. wide-gamut phone photos. Any problem: colours kept as is.
    """
    icc = image.info.get("icc_profile")
    if not icc or ImageCms is None or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        target = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(image, source, target)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
    return converted if converted is not None else image


def _to_rgb(image: Image.Image) -> Image.Image:
    """A new RGB image with the same pixels and NO metadata.

    Transparent areas become white. The result is built from raw pixels, so
    nothing of ``image.info`` (EXIF, XMP, comment, ICC...) follows it.
    """
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16/32-bit greyscale: scale down to 8 bits instead of clipping to white.
        scale = 1 / 256 if image.mode.startswith("I;16") else 1 / 65536
        image = image.convert("I").point(lambda value: value * scale).convert("L")
    elif image.mode == "F":
        image = image.convert("L")
    image = _to_srgb(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        rgb = Image.alpha_composite(white, rgba).convert("RGB")
    else:
        rgb = image.convert("RGB")
    clean = Image.frombytes("RGB", rgb.size, rgb.tobytes())
    return clean


def _jpeg(image: Image.Image, quality: int) -> bytes:
    """Encode an RGB image (built by ``_to_rgb``) as a metadata-free JPEG."""
    out = io.BytesIO()
    # Only pixel-related options: no exif=, icc_profile=, comment= or xmp=.
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def _check_min_size(width: int, height: int) -> None:
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise PhotoError(
            MSG_TOO_SMALL.format(
                min_width=MIN_WIDTH, min_height=MIN_HEIGHT, width=width, height=height
            )
        )


def clean_photo(data: bytes) -> CleanPhoto:
    """The original photo as SIRHP keeps it: upright JPEG, RGB, no metadata.

    Transparency becomes white. Refuses photos smaller than
    ``MIN_WIDTH`` x ``MIN_HEIGHT`` pixels.
    """
    image = load_image(data)
    _check_min_size(*image.size)
    rgb = _to_rgb(image)
    return CleanPhoto(_jpeg(rgb, ORIGINAL_QUALITY), "image/jpeg", *rgb.size)


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


def crop_to_id(data: bytes, box: Box | None) -> CleanPhoto:
    """Crop the ID photo out of ``data`` (JPEG, 7:9, at most 700 x 900).

    ``box`` is ``(x, y, width, height)`` in pixels of the upright original;
    ``None`` takes the largest centred 7:9 box. The box must lie inside the
    image (one pixel of rounding tolerated); its ratio is corrected by
    ``fit_ratio``. The crop must be at least ``MIN_WIDTH`` x ``MIN_HEIGHT``.
    """
    image = load_image(data)
    width, height = image.size
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
            raise PhotoError(MSG_BOX_OUTSIDE.format(width=width, height=height))
        box = (x, y, min(box_w, width - x), min(box_h, height - y))
        box = fit_ratio(box, width, height)
    x, y, box_w, box_h = box
    _check_min_size(box_w, box_h)
    cropped = _to_rgb(image.crop((x, y, x + box_w, y + box_h)))
    # Scaled to exactly 7:9 (the box is within 2 % of it: invisible).
    out_w = min(box_w, MAX_ID_WIDTH)
    out_h = min(round(out_w * ID_RATIO[1] / ID_RATIO[0]), MAX_ID_HEIGHT)
    if (out_w, out_h) != cropped.size:
        cropped = cropped.resize((out_w, out_h), Image.Resampling.LANCZOS)
    return CleanPhoto(_jpeg(cropped, ID_QUALITY), "image/jpeg", out_w, out_h)


def parse_box(text: str | None) -> Box | None:
    """Parse a crop box ``"x,y,w,h"`` sent by a form or the REST API.

    Numbers may be decimals (rounded to the nearest pixel). Empty -> ``None``
    (centred crop). Anything else raises ``PhotoError``.
    """
    if text is None or not str(text).strip():
        return None
    parts = str(text).split(",")
    if len(parts) != 4:
        raise PhotoError(MSG_BAD_BOX)
    try:
        numbers = [float(part.strip()) for part in parts]
    except ValueError:
        raise PhotoError(MSG_BAD_BOX) from None
    if not all(math.isfinite(number) for number in numbers):
        raise PhotoError(MSG_BAD_BOX)
    x, y, box_w, box_h = (round(number) for number in numbers)
    if box_w <= 0 or box_h <= 0:
        raise PhotoError(MSG_BAD_BOX)
    return x, y, box_w, box_h


def thumbnail(data: bytes, width: int = 120) -> bytes:
    """A small JPEG (ratio kept, quality 70, no metadata) ``width`` pixels wide.

    Used by the public verification page. Never enlarges the photo.
    """
    if width <= 0:
        raise ValueError("width must be positive")
    image = load_image(data)
    out_w = min(width, image.width)
    out_h = max(1, round(image.height * out_w / image.width))
    small = _to_rgb(image).resize((out_w, out_h), Image.Resampling.LANCZOS)
    return _jpeg(small, THUMBNAIL_QUALITY)


def has_metadata(data: bytes) -> bool:
    """True if the image carries EXIF (incl. GPS), XMP, IPTC, comments,
    text chunks or an ICC profile. Refuses non-images like ``load_image``.
    """
    image = _open(data)
    try:
        image.load()  # some chunks (PNG eXIf/tEXt after the pixels) come late
    except (OSError, ValueError, SyntaxError, EOFError):
        raise PhotoError(MSG_CORRUPT) from None
    info = image.info
    keys = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "icc_profile")
    if any(info.get(key) for key in keys):
        return True
    if len(image.getexif()):
        return True
    if getattr(image, "text", None):  # PNG tEXt / iTXt / zTXt
        return True
    for marker, content in getattr(image, "applist", []):
        # APP1 = EXIF or XMP, APP13 = IPTC (Photoshop)
        if marker in ("APP1", "APP13") and content:
            return True
    return False
