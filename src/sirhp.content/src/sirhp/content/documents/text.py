"""Text of a stored PDF: ``pdftotext`` when the PDF carries text, OCR otherwise.

Adapter of Debian tools (poppler-utils, tesseract-ocr with the ``fra`` and
``eng`` languages); no Zope import. Extraction runs in the text worker,
never in a web request; ``render_page`` draws the page previews.

OCR mode is decided **per page**: a page whose text layer has fewer than
``MIN_PAGE_CHARS`` letters or digits is OCR'd (scanner PDFs often carry a
thin text layer: a stamp, a page number; treating them as born-digital would
leave them unsearchable). Tesseract runs with one thread per job
(``OMP_THREAD_LIMIT=1``): on a shared 2-core machine that is faster than
its own threading, and several jobs can run side by side.
"""

from dataclasses import dataclass
from dataclasses import field
import os
from pathlib import Path
import subprocess
import tempfile

MIN_PAGE_CHARS = 60
OCR_DPI = 300
OCR_LANGUAGES = "fra+eng"
PAGE_TIMEOUT = 180
MAX_TEXT_CHARS = 2_000_000


class TextError(RuntimeError):
    """Extraction failed; ``message`` is French, shown on the document."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Extracted:
    text: str
    method: str  # "pdftotext", "ocr" or "mixed"
    pages: int
    ocr_pages: list[int] = field(default_factory=list)


def _run(args, timeout=PAGE_TIMEOUT, env=None):
    try:
        done = subprocess.run(
            args, capture_output=True, timeout=timeout, env=env, check=False
        )
    except FileNotFoundError:
        raise TextError(f"Outil manquant sur le serveur : {args[0]}.") from None
    except subprocess.TimeoutExpired:
        raise TextError(f"Délai dépassé ({timeout} s) pour {args[0]}.") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise TextError(
            f"{args[0]} a échoué" + (f" : {detail[-1][:200]}" if detail else ".")
        )
    return done.stdout


def _letters(text: str) -> int:
    return sum(1 for char in text if char.isalnum())


def pdf_text_pages(path: Path) -> list[str]:
    """The text layer of each page (``pdftotext``, pages split on form feed)."""
    out = _run(["pdftotext", "-enc", "UTF-8", str(path), "-"], timeout=120)
    pages = out.decode("utf-8", "replace").split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return pages


def ocr_page(path: Path, page: int, workdir: Path, languages=OCR_LANGUAGES) -> str:
    """OCR of one page (1-based): rendered by pdftoppm, read by tesseract."""
    stem = workdir / f"page-{page}"
    _run(
        [
            "pdftoppm",
            "-r",
            str(OCR_DPI),
            "-gray",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            "-png",
            str(path),
            str(stem),
        ]
    )
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    out = _run(
        ["tesseract", f"{stem}.png", "stdout", "-l", languages, "--psm", "3"],
        env=env,
    )
    (workdir / f"page-{page}.png").unlink(missing_ok=True)
    return out.decode("utf-8", "replace")


def extract_pdf(data: bytes, languages=OCR_LANGUAGES, tmpdir=None) -> Extracted:
    """The whole text of a PDF, OCR'ing the pages without a real text layer.
    Its copies go to a new folder in ``tmpdir`` (the worker's private one),
    removed at the end, also on failure."""
    with tempfile.TemporaryDirectory(prefix="sirhp-text-", dir=tmpdir) as tmp:
        workdir = Path(tmp)
        path = workdir / "document.pdf"
        path.write_bytes(data)
        pages = pdf_text_pages(path)
        count = max(len(pages), _page_count(path))
        pages += [""] * (count - len(pages))
        ocr_pages = []
        for number, text in enumerate(pages, start=1):
            if _letters(text) < MIN_PAGE_CHARS:
                ocr = ocr_page(path, number, workdir, languages)
                pages[number - 1] = (text.strip() + "\n" + ocr).strip()
                ocr_pages.append(number)
    if not ocr_pages:
        method = "pdftotext"
    elif len(ocr_pages) == count:
        method = "ocr"
    else:
        method = "mixed"
    text = "\n\f\n".join(page.strip() for page in pages)[:MAX_TEXT_CHARS]
    return Extracted(text=text, method=method, pages=count, ocr_pages=ocr_pages)


def _page_count(path: Path) -> int:
    out = _run(["pdfinfo", str(path)], timeout=60).decode("utf-8", "replace")
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def render_page(
    path: str, page: int, width: int = 200, fmt: str = "jpeg"
) -> bytes:  # pragma: no cover - exercised through the preview view
    """One page as a JPEG (or PNG) ``width`` pixels wide (previews, thumbnails)."""
    with tempfile.TemporaryDirectory(prefix="sirhp-preview-") as tmp:
        stem = Path(tmp) / "page"
        _run(
            [
                "pdftoppm",
                "-f",
                str(page),
                "-l",
                str(page),
                "-scale-to-x",
                str(width),
                "-scale-to-y",
                "-1",
                "-singlefile",
                f"-{fmt}",
                str(path),
                str(stem),
            ],
            timeout=60,
        )
        suffix = "jpg" if fmt == "jpeg" else "png"
        return (Path(tmp) / f"page.{suffix}").read_bytes()
