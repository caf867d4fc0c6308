"""Rules on the file of a scanned document (pièce): checks and conversion.

Pure Python (Pillow, pypdf, reportlab; no Zope import). Every refusal raises
``DocumentError`` with a French message meant for the user.

* The type is decided from the bytes, never from the name or the browser's
  claim: PDF, JPEG, PNG and TIFF (multi-page) are accepted.
* Refused: empty or too big files, anything else (SVG, HTML, scripts,
  executables, office files...), encrypted or unreadable PDFs, images over
  the pixel limit (decompression bombs) and **PDFs carrying JavaScript,
  automatic actions, launch actions or embedded files: refused, not
  cleaned** (a scanner never produces them; cleaning would hand back a
  document that differs from the one signed). Automatic actions are an
  ``/OpenAction`` other than "go to a page" (e.g. open a URI) and any
  ``/AA`` (additional actions: on open, close, page, field events); actions
  that reach outside the document (``/GoToR`` to a network share, ``/GoToE``,
  ``/Launch``, ``/SubmitForm``, ``/ImportData``, ``/JavaScript``...) are
  refused wherever they are; a ``/URI`` action is accepted only as the
  target of a link the reader clicks (a link annotation).
* What is stored is always a PDF: images become one PDF, pages in order,
  without their metadata (EXIF, GPS position, XMP, comments).
"""

from dataclasses import dataclass
import io
from PIL import Image
from PIL import ImageSequence
from PIL import UnidentifiedImageError

DEFAULT_MAX_MB = 50
# Per page: a 600 dpi A3 scan is 70 million pixels.
MAX_PIXELS = 80_000_000
MAX_PAGES = 2000
# Resolution assumed for images that do not say theirs (scanners: 300 dpi).
DEFAULT_DPI = 300
IMAGE_FORMATS = ("JPEG", "PNG", "TIFF")
ACCEPTED = "PDF, JPEG, PNG, TIFF"

MSG_EMPTY = "Le fichier est vide."
MSG_TOO_BIG = "Le fichier est trop volumineux : {limit} Mo au maximum."
MSG_MARKUP = (
    "Le fichier contient du SVG, du HTML ou un script : refusé "
    f"(formats acceptés : {ACCEPTED})."
)
MSG_UNKNOWN = (
    "Format non accepté : le contenu du fichier n'est ni un PDF ni une image "
    "JPEG, PNG ou TIFF (le nom du fichier ne compte pas)."
)
MSG_ENCRYPTED = (
    "Le PDF est chiffré ou protégé par un mot de passe : enregistrez-le sans "
    "protection puis recommencez."
)
MSG_PDF_BROKEN = "Le PDF est illisible ou endommagé : veuillez le numériser à nouveau."
MSG_PDF_ACTIVE = (
    "Le PDF contient du JavaScript, des actions automatiques ou des fichiers "
    "joints : refusé. Numérisez le document papier ou imprimez-le en PDF."
)
MSG_IMAGE_BROKEN = (
    "L'image est incomplète ou endommagée : veuillez la numériser à nouveau."
)
MSG_PIXELS = (
    "L'image est trop grande : 80 millions de pixels au maximum par page "
    "(reçue : {width} × {height})."
)
MSG_PIXELS_ANY = "L'image est trop grande : 80 millions de pixels au maximum par page."
MSG_PAGES = "Le document a trop de pages : 2000 au maximum."

# PDF names that run code, open things, carry files or act by themselves
# (/AA: additional actions fired on open, close, page or field events).
ACTIVE_KEYS = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/Launch",
        "/RichMedia",
        "/XFA",
        "/AA",
    }
)
# Action types (value of /S) that run code, open programs or files outside
# the document (/GoToR: a remote file, e.g. on a network share) or send data.
ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/GoToR",
        "/GoToE",
        "/RichMediaExecute",
        "/Rendition",
    }
)
# Action types allowed only as the target of a link the reader clicks.
LINK_ONLY_ACTIONS = frozenset({"/URI"})
# Raw byte patterns of the same, for objects pypdf does not reach.
ACTIVE_BYTES = (b"/JavaScript", b"/JS", b"/EmbeddedFile", b"/Launch", b"/RichMedia")


class DocumentError(ValueError):
    """A file refused; ``message`` is the French text shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    """What the checks learnt about an accepted file."""

    kind: str  # "pdf", "jpeg", "png", "tiff"
    pages: int


@dataclass(frozen=True)
class StoredFile:
    """The PDF SIRHP stores for an accepted file."""

    data: bytes
    pages: int
    source_kind: str
    content_type: str = "application/pdf"


def sniff(data: bytes) -> str:
    """The kind of ``data`` from its first bytes, or raise ``DocumentError``."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    head = data[:1024].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower()
    if head.startswith(b"<") or b"<svg" in head or b"<script" in head:
        raise DocumentError(MSG_MARKUP)
    if b"<html" in head or b"<!doctype" in head or b"<?xml" in head:
        raise DocumentError(MSG_MARKUP)
    raise DocumentError(MSG_UNKNOWN)


def check_size(data: bytes, max_mb: int = DEFAULT_MAX_MB) -> None:
    if not data:
        raise DocumentError(MSG_EMPTY)
    if len(data) > max_mb * 1024 * 1024:
        raise DocumentError(MSG_TOO_BIG.format(limit=max_mb))


# --- PDF ---------------------------------------------------------------------


def _open_pdf(data: bytes):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AssertionError):
        raise DocumentError(MSG_PDF_BROKEN) from None
    if encrypted:
        raise DocumentError(MSG_ENCRYPTED)
    return reader


def _active_content(reader, budget: int = 200_000) -> bool:
    """True if any object reachable from the trailer carries an active key or
    action, or the document opens with anything but a page destination."""
    from pypdf.generic import ArrayObject
    from pypdf.generic import DictionaryObject
    from pypdf.generic import IndirectObject

    seen = set()
    # (object, whether a /URI action is acceptable there: a link's target)
    stack = [(reader.trailer, False)]
    while stack:
        budget -= 1
        if budget < 0:
            return True  # absurdly large object graph: refuse rather than guess
        item, link_target = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation, link_target)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            is_link = item.get("/Subtype") == "/Link"
            for name, value in item.items():
                if name in ACTIVE_KEYS:
                    return True
                if name == "/S" and value in ACTIVE_ACTIONS:
                    return True
                if name == "/S" and value in LINK_ONLY_ACTIONS and not link_target:
                    return True
                if name == "/Subtype" and value in ("/FileAttachment", "/RichMedia"):
                    return True
                if name == "/OpenAction" and _is_action(value):
                    return True  # automatic action on opening (URI, GoToR...)
                if name not in ("/Parent", "/P"):
                    stack.append((value, is_link and name == "/A"))
        elif isinstance(item, ArrayObject):
            stack.extend((value, False) for value in item)
    return False


def _is_action(value) -> bool:
    """An /OpenAction that is an action other than going to a page of this
    document (a destination array, or a /GoTo action, is harmless)."""
    from pypdf.generic import DictionaryObject

    value = value.get_object() if hasattr(value, "get_object") else value
    if not isinstance(value, DictionaryObject):
        return False
    return value.get("/S") != "/GoTo" or "/Next" in value


def check_pdf(data: bytes) -> int:
    """Check a PDF; return its number of pages."""
    from pypdf.errors import PyPdfError

    reader = _open_pdf(data)
    try:
        pages = len(reader.pages)
        active = _active_content(reader)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AssertionError):
        raise DocumentError(MSG_PDF_BROKEN) from None
    except RecursionError:
        raise DocumentError(MSG_PDF_BROKEN) from None
    if pages < 1:
        raise DocumentError(MSG_PDF_BROKEN)
    if pages > MAX_PAGES:
        raise DocumentError(MSG_PAGES)
    if active:
        raise DocumentError(MSG_PDF_ACTIVE)
    # Names hidden in streams pypdf did not walk (object streams are walked):
    # a plain-text marker left outside the object graph is still suspicious.
    if any(marker in data for marker in ACTIVE_BYTES[2:]):
        raise DocumentError(MSG_PDF_ACTIVE)
    return pages


# --- images ------------------------------------------------------------------


def _looks_truncated(data: bytes, kind: str) -> bool:
    # plone.scale sets PIL.ImageFile.LOAD_TRUNCATED_IMAGES process-wide, so a
    # cut-off JPEG would be padded with grey instead of failing: check bytes.
    if kind == "jpeg":
        return b"\xff\xd9" not in data.rstrip(b"\x00\r\n ")[-16:]
    if kind == "png":
        return b"IEND" not in data[-16:]
    return False


def _open_image(data: bytes, kind: str) -> Image.Image:
    fmt = {"jpeg": "JPEG", "png": "PNG", "tiff": "TIFF"}[kind]
    try:
        image = Image.open(io.BytesIO(data), formats=(fmt,))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise DocumentError(MSG_PIXELS_ANY) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise DocumentError(MSG_IMAGE_BROKEN) from None
    if image.format not in IMAGE_FORMATS + ("MPO",):
        raise DocumentError(MSG_UNKNOWN)
    return image


def _frames(image: Image.Image):
    """Each page (frame) of the image, size-checked before any decoding."""
    count = getattr(image, "n_frames", 1)
    if count > MAX_PAGES:
        raise DocumentError(MSG_PAGES)
    for frame in ImageSequence.Iterator(image):
        width, height = frame.size
        if width * height > MAX_PIXELS:
            raise DocumentError(MSG_PIXELS.format(width=width, height=height))
        yield frame


def check_image(data: bytes, kind: str) -> int:
    """Check an image (every page decoded); return its number of pages."""
    if _looks_truncated(data, kind):
        raise DocumentError(MSG_IMAGE_BROKEN)
    image = _open_image(data, kind)
    pages = 0
    try:
        for frame in _frames(image):
            frame.load()
            pages += 1
    except DocumentError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise DocumentError(
            MSG_PIXELS.format(width=image.width, height=image.height)
        ) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise DocumentError(MSG_IMAGE_BROKEN) from None
    return pages


def _dpi(image: Image.Image) -> float:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 50 <= value <= 1200 else DEFAULT_DPI


# JPEG segments kept: JFIF header, colour profile, Adobe colour transform.
_JPEG_KEPT_APP = {0xE0: b"JFIF\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}


def strip_jpeg_metadata(data: bytes) -> bytes:
    """The same JPEG without EXIF (GPS position, camera), XMP, IPTC,
    comments, thumbnails or anything after the image: metadata segments are
    dropped, the compressed image is copied as it is (lossless)."""
    broken = DocumentError(MSG_IMAGE_BROKEN)
    if not data.startswith(b"\xff\xd8"):
        raise broken
    out = [b"\xff\xd8"]
    i, end = 2, len(data)
    while i + 1 < end:
        if data[i] != 0xFF:
            raise broken
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xD9:  # end of image: what follows is not kept
            out.append(b"\xff\xd9")
            return b"".join(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            out.append(data[i : i + 2])
            i += 2
            continue
        if i + 4 > end:
            raise broken
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if length < 2 or i + 2 + length > end:
            raise broken
        segment = data[i : i + 2 + length]
        i += 2 + length
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:
            kept = _JPEG_KEPT_APP.get(marker)
            if kept is None or not segment[4:].startswith(kept):
                continue
        out.append(segment)
        if marker == 0xDA:  # start of scan: compressed data up to a marker
            j = i
            while True:
                j = data.find(b"\xff", j)
                if j < 0 or j + 1 >= end:
                    raise broken
                following = data[j + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    j += 2  # stuffed byte or restart marker: still data
                    continue
                if following == 0xFF:
                    j += 1
                    continue
                break
            out.append(data[i:j])
            i = j
    raise broken


def images_to_pdf(data: bytes, kind: str) -> tuple[bytes, int]:
    """One PDF page per image page, at the image's resolution; no metadata."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = _open_image(data, kind)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pageCompression=1, invariant=1)
    pdf.setTitle("")
    pdf.setAuthor("")
    pdf.setProducer("SIRHP")
    pages = 0
    single = getattr(image, "n_frames", 1) == 1
    for frame in _frames(image):
        dpi = _dpi(frame)
        width, height = frame.size
        page_w, page_h = width * 72 / dpi, height * 72 / dpi
        pdf.setPageSize((page_w, page_h))
        if kind == "jpeg" and single and frame.mode in ("RGB", "L"):
            # The JPEG itself is embedded (no re-encoding, no quality loss),
            # without its metadata segments.
            source = ImageReader(io.BytesIO(strip_jpeg_metadata(data)))
        else:
            page = frame.convert("L" if frame.mode in ("1", "L", "I;16") else "RGB")
            # Raw pixels only: no metadata follows the page.
            source = ImageReader(Image.frombytes(page.mode, page.size, page.tobytes()))
        pdf.drawImage(source, 0, 0, width=page_w, height=page_h)
        pdf.showPage()
        pages += 1
    pdf.save()
    return out.getvalue(), pages


# --- entry points --------------------------------------------------------------


def check_file(data: bytes, max_mb: int = DEFAULT_MAX_MB) -> CheckedFile:
    """Every check, no conversion: what forms and REST validate against."""
    check_size(data, max_mb)
    kind = sniff(data)
    if kind == "pdf":
        return CheckedFile(kind, check_pdf(data))
    return CheckedFile(kind, check_image(data, kind))


def normalise_file(data: bytes, max_mb: int = DEFAULT_MAX_MB) -> StoredFile:
    """Check ``data`` and return the PDF to store (images converted)."""
    checked = check_file(data, max_mb)
    if checked.kind == "pdf":
        return StoredFile(data, checked.pages, "pdf")
    pdf, pages = images_to_pdf(data, checked.kind)
    return StoredFile(pdf, pages, checked.kind)


def pdf_filename(filename: str | None, fallback: str = "piece") -> str:
    """The stored name: the original stem with ``.pdf``."""
    stem = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return f"{stem or fallback}.pdf"
