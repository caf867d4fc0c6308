"""Inspecting an uploaded file, and the PDF SIRHP stores (pypdf, Pillow, reportlab).

``check_document_file`` is THE check of a file a user hands in: a scanned
document (form, REST, batch filing) and a change request's supporting scan
get exactly the same. Every refusal raises ``rules.DocumentError``.

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
* What is stored is always a PDF (``normalise_file``): images become one
  PDF, pages in order, without their metadata (EXIF, GPS position, XMP,
  comments).
"""

import io
from PIL import Image
from PIL import ImageSequence
from PIL import UnidentifiedImageError
from pypdf import PdfReader
from pypdf import PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject
from pypdf.generic import DictionaryObject
from pypdf.generic import IndirectObject
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from sirhp.content.documents.refusals import check_size
from sirhp.content.documents.refusals import CheckedFile
from sirhp.content.documents.refusals import DEFAULT_MAX_MB
from sirhp.content.documents.refusals import DocumentError
from sirhp.content.documents.refusals import filled
from sirhp.content.documents.refusals import MAX_PAGES
from sirhp.content.documents.refusals import MAX_PIXELS
from sirhp.content.documents.refusals import MSG_ENCRYPTED
from sirhp.content.documents.refusals import MSG_IMAGE_BROKEN
from sirhp.content.documents.refusals import MSG_PAGES
from sirhp.content.documents.refusals import MSG_PDF_ACTIVE
from sirhp.content.documents.refusals import MSG_PDF_BROKEN
from sirhp.content.documents.refusals import MSG_PIXELS
from sirhp.content.documents.refusals import MSG_PIXELS_ANY
from sirhp.content.documents.refusals import MSG_UNKNOWN
from sirhp.content.documents.refusals import sniff
from sirhp.content.documents.refusals import StoredFile

# Resolution assumed for images that do not say theirs (scanners: 300 dpi).
DEFAULT_DPI = 300
IMAGE_FORMATS = ("JPEG", "PNG", "TIFF")
PDF_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, OSError, AssertionError)

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


# --- PDF ---------------------------------------------------------------------


def _open_pdf(data: bytes):

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except PDF_ERRORS:
        raise DocumentError(MSG_PDF_BROKEN) from None
    if encrypted:
        raise DocumentError(MSG_ENCRYPTED)
    return reader


def _active_content(reader, budget: int = 200_000) -> bool:
    """True if any object reachable from the trailer carries an active key or
    action, or the document opens with anything but a page destination."""

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

    value = value.get_object() if hasattr(value, "get_object") else value
    if not isinstance(value, DictionaryObject):
        return False
    return value.get("/S") != "/GoTo" or "/Next" in value


def check_pdf(data: bytes) -> int:
    """Check a PDF; return its number of pages."""

    reader = _open_pdf(data)
    try:
        pages = len(reader.pages)
        active = _active_content(reader)
    except PDF_ERRORS:
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
            raise DocumentError(filled(MSG_PIXELS, width=width, height=height))
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
            filled(MSG_PIXELS, width=image.width, height=image.height)
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


def check_document_file(data: bytes, max_mb: int = DEFAULT_MAX_MB) -> CheckedFile:
    """Every check of an uploaded file, no conversion: what forms, REST, the
    batch filing and change-request scans are validated against.

    :param data: the bytes as received (the name does not count).
    :param max_mb: the size limit in MB (the site's: ``field.max_upload_mb``).
    :returns: the kind (``pdf``, ``jpeg``, ``png``, ``tiff``) and page count.
    :raises DocumentError: the French reason of the refusal.
    """
    check_size(data, max_mb)
    kind = sniff(data)
    if kind == "pdf":
        return CheckedFile(kind, check_pdf(data))
    return CheckedFile(kind, check_image(data, kind))


def normalise_file(data: bytes, max_mb: int = DEFAULT_MAX_MB) -> StoredFile:
    """``check_document_file``, then the PDF to store (images converted).

    :raises DocumentError: as ``check_document_file``.
    """
    checked = check_document_file(data, max_mb)
    if checked.kind == "pdf":
        return StoredFile(data, checked.pages, "pdf")
    pdf, pages = images_to_pdf(data, checked.kind)
    return StoredFile(pdf, pages, checked.kind)


def merge_stack(files: list[bytes], max_mb: int = DEFAULT_MAX_MB) -> tuple[bytes, int]:
    """One PDF of a scanned stack handed in as several files, in order (each
    checked and converted by ``normalise_file``); returns it and its pages.

    :raises DocumentError: a file is refused: nothing is merged.
    """
    stored = [normalise_file(data, max_mb) for data in files]
    if len(stored) == 1:
        return stored[0].data, stored[0].pages
    writer = PdfWriter()
    for item in stored:
        writer.append(PdfReader(io.BytesIO(item.data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), sum(item.pages for item in stored)
