"""Rules of scanned documents: pure Python, no Zope, Plone or external tool.

- **document types** (types de pièces): registry lines
  ``code|Libellé|sensibilité|conservation``; the two old fields are enough
  (sensitivity ``normal``, retention unlimited). Sensitivity ``normal`` or
  ``restricted`` (seen only by HR managers, auditors and the officer
  concerned); retention a number of years (1 to 200), or empty / ``permanent``;
- **what a document file may be**: limits, refusals (``DocumentError``),
  the kind of a file from its first bytes (never its name nor the browser's
  claim), its size, the name it is stored under. Inspecting PDFs and images
  (pypdf, Pillow) and converting images is ``pdf.py``;
- **cover sheets** (fiches de séparation): the QR code's payload and the
  split plan of a scanned stack. Drawing and reading them (reportlab, zbar)
  is ``cover_sheet.py``;
- **search**: the words of a query, an extract of a text around them.

Refusals are i18n messages whose msgid is the French sentence: callers
show and compare them as text, the ``sirhp`` catalogue translates them.
"""

from dataclasses import dataclass
from dataclasses import field
import re
from sirhp.content.domain.terms import parse_lines
from sirhp.content.domain.terms import TermSyntaxError
import unicodedata

# --- document types -----------------------------------------------------------

NORMAL = "normal"
RESTRICTED = "restricted"
SENSITIVITIES = (NORMAL, RESTRICTED)


@dataclass(frozen=True)
class DocumentType:
    code: str
    label: str
    sensitivity: str = NORMAL
    retention_years: int | None = None

    @property
    def restricted(self) -> bool:
        return self.sensitivity == RESTRICTED

    def line(self) -> str:
        retention = "" if self.retention_years is None else str(self.retention_years)
        return f"{self.code}|{self.label}|{self.sensitivity}|{retention}".rstrip("|")


def parse_document_types(lines) -> list[DocumentType]:
    """Parse the registry lines.

    :raises TermSyntaxError: bad code, label, sensitivity or retention.
    """
    result = []
    for term in parse_lines(lines):
        extra = list(term.extra) + ["", ""]
        sensitivity = (extra[0] or NORMAL).lower()
        if sensitivity not in SENSITIVITIES:
            raise TermSyntaxError(
                f"Sensibilité invalide « {extra[0]} » pour « {term.code} » : "
                "normal ou restricted"
            )
        retention_text = extra[1].lower()
        retention = None
        if retention_text not in ("", "permanent"):
            try:
                retention = int(retention_text)
            except ValueError:
                retention = 0
            if not 1 <= retention <= 200:
                raise TermSyntaxError(
                    f"Durée de conservation invalide « {extra[1]} » pour "
                    f"« {term.code} » : un nombre d'années (1 à 200) ou permanent"
                )
        result.append(DocumentType(term.code, term.label, sensitivity, retention))
    return result


def by_code(lines) -> dict[str, DocumentType]:
    return {item.code: item for item in parse_document_types(lines)}


def sensitivity_changes(old_lines, new_lines) -> set:
    """Codes whose sensitivity differs between two versions of the lines."""
    old, new = by_code(old_lines or []), by_code(new_lines or [])
    return {
        code
        for code in set(old) | set(new)
        if (old.get(code) and old[code].restricted)
        != (new.get(code) and new[code].restricted)
    }


# --- cover sheets and the split of a scanned stack ------------------------------

COVER_PREFIX = "SIRHP-FS"
COVER_VERSION = "1"
PAYLOAD_RE = re.compile(
    r"^SIRHP-FS\|1\|(?P<matricule>[0-9A-Z]{4,20})\|(?P<code>[a-z0-9][a-z0-9._-]{0,63})$"
)
MSG_BEFORE_FIRST = "Pages avant la première fiche de séparation"
MSG_UNREADABLE = "Fiche de séparation illisible (page {page})"


@dataclass(frozen=True)
class CoverCode:
    matricule: str
    document_type: str


def payload(matricule: str, document_type: str) -> str:
    """What a cover sheet's QR code carries."""
    return f"{COVER_PREFIX}|{COVER_VERSION}|{matricule}|{document_type}"


def parse_payload(text: str) -> CoverCode | None:
    match = PAYLOAD_RE.match((text or "").strip())
    if not match:
        return None
    return CoverCode(match["matricule"], match["code"])


@dataclass
class PageMark:
    """What was read on one page of a scanned stack."""

    number: int  # 1-based
    cover: CoverCode | None = None
    band: bool = False
    codes: list[str] = field(default_factory=list)

    @property
    def unreadable_cover(self) -> bool:
        """Looks like a cover sheet (band, or a QR code) but gives no valid code."""
        return self.cover is None and (self.band or bool(self.codes))


@dataclass
class Part:
    """Pages to file as one document (cover sheet excluded)."""

    matricule: str
    document_type: str
    cover_page: int
    pages: list[int] = field(default_factory=list)


@dataclass
class Held:
    """Pages SIRHP could not place: kept in the holding area."""

    reason: str
    pages: list[int] = field(default_factory=list)


def plan_split(marks: list[PageMark]) -> tuple[list[Part], list[Held], list[int]]:
    """Parts to file, pages held, and cover sheets with no page after them.

    Never a page dropped: pages before the first sheet, and a sheet that
    looks like one but cannot be read with the pages after it, are held.
    """
    parts, held, empty = [], [], []
    current = None  # Part or Held
    for mark in marks:
        if mark.cover is not None:
            current = Part(mark.cover.matricule, mark.cover.document_type, mark.number)
            parts.append(current)
        elif mark.unreadable_cover:
            current = Held(MSG_UNREADABLE.format(page=mark.number), [mark.number])
            held.append(current)
        elif current is None:
            current = Held(MSG_BEFORE_FIRST)
            held.append(current)
            current.pages.append(mark.number)
        else:
            current.pages.append(mark.number)
    for part in list(parts):
        if not part.pages:
            parts.remove(part)
            empty.append(part.cover_page)
    return parts, held, empty


# --- search ----------------------------------------------------------------------

QUERY_WORDS = 8


def searchable_text(query: str) -> str | None:
    """The catalog's ``SearchableText`` for what a user typed: up to 8 words
    of letters and digits, each a prefix; None when there is no word."""
    words = [
        "".join(char for char in word if char.isalnum())
        for word in (query or "").split()
    ]
    words = [w for w in words if w and w.lower() not in ("and", "or", "not")]
    return " ".join(f"{w}*" for w in words[:QUERY_WORDS]) or None


def snippet(text: str, words, width: int = 160) -> str:
    """An extract of ``text`` around the first of ``words`` found (accents
    and case ignored), ``width`` characters long, or its beginning."""
    flat = fold(text)
    position = -1
    for word in words:
        word = fold(word).strip("*")
        if len(word) < 2:
            continue
        position = flat.find(word)
        if position >= 0:
            break
    if position < 0:
        position = 0
    start = max(0, position - width // 3)
    end = min(len(text), start + width)
    extract = " ".join(text[start:end].split())
    return ("… " if start else "") + extract + (" …" if end < len(text) else "")


def fold(text: str) -> str:
    """Lower case without accents, same length as ``text`` (for finding)."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        out.append(base.lower() if len(base.lower()) == 1 else char)
    return "".join(out)


# --- text jobs: a worker's lease ------------------------------------------------------

TEXT_LEASE_SECONDS = 15 * 60  # longer than the OCR of a big document


def lease_free(lease, worker: str, now: float) -> bool:
    """May ``worker`` take a text job whose lease is ``(holder, until)``?
    Yes when nobody holds it, it is its own, or the holder's lease expired
    (a crashed or stopped worker: its job is taken over)."""
    if not lease:
        return True
    holder, until = lease
    return holder == worker or until <= now


def new_lease(worker: str, now: float, seconds: float = TEXT_LEASE_SECONDS):
    """The lease ``worker`` takes at ``now`` (a POSIX timestamp)."""
    return (worker, now + seconds)
