"""The refusals of a file a user hands in (scanned document, change-request
attachment): limits, French i18n messages, ``DocumentError``, the type read
from the first bytes. ``pdf.check_document_file`` applies them; not pure
(messages and errors are i18n), so apart from ``rules.py``."""

from dataclasses import dataclass
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
from zope.i18n import interpolate
from zope.i18nmessageid import Message

# What a document file may be ------------------------------------------------

DEFAULT_MAX_MB = 50
# Per page: a 600 dpi A3 scan is 70 million pixels.
MAX_PIXELS = 80_000_000
MAX_PAGES = 2000

MSG_EMPTY = _("Le fichier est vide.")
MSG_TOO_BIG = _("Le fichier est trop volumineux : ${limit} Mo au maximum.")
MSG_MARKUP = _(
    "Le fichier contient du SVG, du HTML ou un script : refusé "
    "(formats acceptés : PDF, JPEG, PNG, TIFF)."
)
MSG_UNKNOWN = _(
    "Format non accepté : le contenu du fichier n'est ni un PDF ni une image "
    "JPEG, PNG ou TIFF (le nom du fichier ne compte pas)."
)
MSG_ENCRYPTED = _(
    "Le PDF est chiffré ou protégé par un mot de passe : enregistrez-le sans "
    "protection puis recommencez."
)
MSG_PDF_BROKEN = _(
    "Le PDF est illisible ou endommagé : veuillez le numériser à nouveau."
)
MSG_PDF_ACTIVE = _(
    "Le PDF contient du JavaScript, des actions automatiques ou des fichiers "
    "joints : refusé. Numérisez le document papier ou imprimez-le en PDF."
)
MSG_IMAGE_BROKEN = _(
    "L'image est incomplète ou endommagée : veuillez la numériser à nouveau."
)
MSG_PIXELS = _(
    "L'image est trop grande : 80 millions de pixels au maximum par page "
    "(reçue : ${width} × ${height})."
)
MSG_PIXELS_ANY = _(
    "L'image est trop grande : 80 millions de pixels au maximum par page."
)
MSG_PAGES = _("Le document a trop de pages : 2000 au maximum.")


def filled(message: Message, **mapping) -> Message:
    """``message`` with its values: an i18n message whose text is the French
    sentence filled in (what callers show and compare) and whose default is
    the sentence the catalogue translates (``DocumentError.text``)."""
    return Message(
        interpolate(str(message), mapping),
        domain=message.domain,
        default=str(message),
        mapping=mapping,
    )


class DocumentError(SirhpError):
    """A file (or a stack, a held item...) refused: HTTP 400.

    ``message`` is an i18n message whose text is the French sentence.
    """

    def text(self, request=None):
        message = self.message
        if isinstance(message, Message) and message.default and message.mapping:
            # filled in (``filled``): translate the sentence it comes from
            message = Message(
                message.default, domain=message.domain, mapping=message.mapping
            )
            return SirhpError(message).text(request)
        return super().text(request)


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
        raise DocumentError(filled(MSG_TOO_BIG, limit=max_mb))


def pdf_filename(filename: str | None, fallback: str = "piece") -> str:
    """The stored name: the original stem with ``.pdf``."""
    stem = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return f"{stem or fallback}.pdf"
