"""The ID photo with Pillow: decode, clean, crop, thumbnail.

The adapter of Pillow for the badge domain (no Zope import). The rules
(formats, sizes, the crop box) are in ``rules.py``; a refused picture raises
``photo_rules.PhotoRefused`` with a French message.

What SIRHP keeps of an uploaded photo:

* ``clean_photo``: the original, upright, re-encoded as JPEG without any
  metadata (no EXIF, no GPS position, no XMP, no comment, no ICC profile);
* ``crop_to_id``: the ID photo (ratio 7:9, like a 35 x 45 mm photo), at most
  700 x 900 pixels, printed on the badge;
* ``thumbnail``: a small JPEG for the public verification page.
"""

from dataclasses import dataclass
import io
from PIL import Image
from PIL import ImageOps
from PIL import UnidentifiedImageError
from sirhp.content.badges import photo_rules
from sirhp.content.badges.photo_rules import PhotoRefused

try:
    from PIL import ImageCms
except ImportError:  # Pillow built without littlecms: colours kept as they are
    ImageCms = None

ORIGINAL_QUALITY = 90
ID_QUALITY = 88
THUMBNAIL_QUALITY = 70


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
    photo_rules.check_size_in_bytes(data)
    try:
        # Only the accepted formats' readers ever see the data.
        image = Image.open(io.BytesIO(data), formats=photo_rules.ACCEPTED_FORMATS)
    except UnidentifiedImageError:
        image = None  # refused below, outside this except: no chained error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard (or its warning turned into an error).
        raise PhotoRefused(photo_rules.MSG_TOO_MANY_PIXELS) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise PhotoRefused(photo_rules.MSG_CORRUPT) from None
    if image is None:
        photo_rules.refuse_unknown_format(data)
    photo_rules.check_format(image.format)
    photo_rules.check_pixels(*image.size)
    return image


def load_image(data: bytes) -> Image.Image:
    """Check, decode and return the image of ``data``, upright (EXIF orientation).

    Raises ``PhotoRefused`` for empty, too big, non-image, unsupported,
    oversized (pixel bomb) or truncated/corrupt files.
    """
    image = _open(data)
    if photo_rules.looks_truncated(data, image.format):
        raise PhotoRefused(photo_rules.MSG_CORRUPT)
    try:
        # PNG: checks the checksum of every chunk (a no-op for JPEG and WEBP).
        Image.open(io.BytesIO(data), formats=photo_rules.ACCEPTED_FORMATS).verify()
        image.load()
        upright = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRefused(
            photo_rules.MSG_TOO_MANY_PIXELS_SIZE, width=image.width, height=image.height
        ) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        # "image file is truncated" (unless some code set the process-wide
        # PIL.ImageFile.LOAD_TRUNCATED_IMAGES), broken data stream, bad EXIF...
        raise PhotoRefused(photo_rules.MSG_CORRUPT) from None
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


def clean_photo(data: bytes) -> CleanPhoto:
    """The original photo as SIRHP keeps it: upright JPEG, RGB, no metadata.

    Transparency becomes white. Refuses photos smaller than
    ``MIN_WIDTH`` x ``MIN_HEIGHT`` pixels.
    """
    image = load_image(data)
    photo_rules.check_min_size(*image.size)
    rgb = _to_rgb(image)
    return CleanPhoto(_jpeg(rgb, ORIGINAL_QUALITY), "image/jpeg", *rgb.size)


def crop_to_id(data: bytes, box: photo_rules.Box | None) -> CleanPhoto:
    """Crop the ID photo out of ``data`` (JPEG, 7:9, at most 700 x 900).

    ``box`` is ``(x, y, width, height)`` in pixels of the upright original;
    ``None`` takes the largest centred 7:9 box (``photo_rules.crop_box``).
    """
    image = load_image(data)
    x, y, box_w, box_h = photo_rules.crop_box(box, *image.size)
    cropped = _to_rgb(image.crop((x, y, x + box_w, y + box_h)))
    size = photo_rules.id_photo_size(box_w)
    if size != cropped.size:
        cropped = cropped.resize(size, Image.Resampling.LANCZOS)
    return CleanPhoto(_jpeg(cropped, ID_QUALITY), "image/jpeg", *size)


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
        raise PhotoRefused(photo_rules.MSG_CORRUPT) from None
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
