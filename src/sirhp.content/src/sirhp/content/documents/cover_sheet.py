"""Cover sheets (fiches de séparation) of batch scanning, and reading them back.

Adapter of the tools: reportlab and segno draw the sheets; Debian
``pdftoppm`` and ``zbarimg`` read a scanned stack; Pillow looks for the
band; pypdf cuts the stack. No Zope import. What a sheet carries and how a
stack is split are rules (``rules.payload``, ``rules.plan_split``).

A cover sheet is an A4 page with:

* a solid black band at the top (the sheet is recognised by it even when
  its QR code cannot be read: its pages then go to the holding area instead
  of being filed with the previous document);
* a large QR code carrying ``SIRHP-FS|1|<matricule>|<document type code>``;
* the matricule, the officer's name and the document type in large print.
"""

import io
from pathlib import Path
from PIL import Image
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
import segno
from sirhp.content.documents.rules import PageMark
from sirhp.content.documents.rules import parse_payload
from sirhp.content.documents.rules import payload
import subprocess
import tempfile
from xml.etree import ElementTree

# Rendering for reading: enough for the 9 cm QR code (10 px a module).
READ_DPI = 72
BAND_MM = (8, 28)  # top band, from the top edge, in millimetres


def render_cover_sheets(sheets) -> bytes:
    """A PDF of cover sheets, one page each.

    ``sheets``: iterable of dicts with ``matricule``, ``document_type`` (code),
    ``type_label``, ``name`` (officer), ``agency`` (label).
    """

    out = io.BytesIO()
    pdf = Canvas(out, pagesize=A4, invariant=1)
    pdf.setTitle("Fiches de séparation SIRHP")
    width, height = A4
    for sheet in sheets:
        top, bottom = BAND_MM
        pdf.setFillColorRGB(0, 0, 0)
        pdf.rect(0, height - bottom * mm, width, (bottom - top) * mm, stroke=0, fill=1)
        pdf.setFillColorRGB(1, 1, 1)
        pdf.setFont("Helvetica-Bold", 22)
        pdf.drawCentredString(
            width / 2, height - (bottom - 6) * mm, "SIRHP — FICHE DE SÉPARATION"
        )
        pdf.setFillColorRGB(0, 0, 0)
        qr = segno.make(
            payload(sheet["matricule"], sheet["document_type"]), error="m", micro=False
        )
        png = io.BytesIO()
        qr.save(png, kind="png", scale=10, border=4)
        size = 90 * mm
        pdf.drawImage(
            ImageReader(io.BytesIO(png.getvalue())),
            (width - size) / 2,
            height - 40 * mm - size,
            size,
            size,
        )
        y = height - 150 * mm
        pdf.setFont("Helvetica-Bold", 44)
        pdf.drawCentredString(width / 2, y, sheet["matricule"])
        pdf.setFont("Helvetica", 20)
        pdf.drawCentredString(width / 2, y - 14 * mm, sheet.get("name") or "")
        pdf.setFont("Helvetica-Bold", 28)
        pdf.drawCentredString(width / 2, y - 32 * mm, sheet.get("type_label") or "")
        pdf.setFont("Helvetica", 12)
        pdf.drawCentredString(
            width / 2,
            y - 42 * mm,
            f"({sheet['document_type']}) — {sheet.get('agency') or ''}",
        )
        pdf.setFont("Helvetica", 11)
        pdf.drawCentredString(
            width / 2,
            25 * mm,
            "Placez cette fiche AVANT les pages de la pièce, puis numérisez la pile.",
        )
        pdf.drawCentredString(
            width / 2,
            19 * mm,
            "Une fiche par pièce. Ne pas plier ni agrafer sur le code.",
        )
        pdf.showPage()
    pdf.save()
    return out.getvalue()


# --- reading a scanned stack ---------------------------------------------------


def has_band(image) -> bool:
    """A solid dark band across the top (or, upside down, the bottom)."""
    grey = image.convert("L")
    width, height = grey.size
    mm_px = height / 297
    top, bottom = (round(v * mm_px) for v in BAND_MM)
    margin = width // 10

    def dark_rows(y0, y1):
        rows = 0
        for y in range(max(0, y0), min(height, y1)):
            row = grey.crop((margin, y, width - margin, y + 1)).getdata()
            dark = sum(1 for value in row if value < 90)
            if dark >= 0.9 * len(row):
                rows += 1
        return rows

    need = max(3, (bottom - top) // 3)
    return (
        dark_rows(top, bottom) >= need
        or dark_rows(height - bottom, height - top) >= need
    )


def read_stack(pdf_path: Path, dpi: int = READ_DPI) -> list[PageMark]:
    """Render every page once (``pdftoppm``), read the QR codes of all pages in
    one ``zbarimg`` run, and look for the band of each page."""

    with tempfile.TemporaryDirectory(prefix="sirhp-stack-") as tmp:
        workdir = Path(tmp)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-gray",
                "-png",
                str(pdf_path),
                str(workdir / "p"),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        images = sorted(
            workdir.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1])
        )
        codes = _zbar(images)
        marks = []
        for number, image_path in enumerate(images, start=1):
            found = codes.get(image_path.name, [])
            cover = next((c for c in map(parse_payload, found) if c), None)
            with Image.open(image_path) as image:
                band = has_band(image) if cover is None else True
            marks.append(PageMark(number, cover, band, found))
    return marks


def _zbar(images) -> dict[str, list[str]]:
    if not images:
        return {}
    done = subprocess.run(
        ["zbarimg", "--xml", "-q", "-Sdisable", "-Sqrcode.enable", *map(str, images)],
        capture_output=True,
        timeout=600,
    )
    # 0: found, 4: nothing found in any image; anything else is an error.
    if done.returncode not in (0, 4):
        raise RuntimeError(done.stderr.decode("utf-8", "replace")[-300:])
    result = {}
    if not done.stdout.strip():
        return result
    root = ElementTree.fromstring(done.stdout)
    for source in root.iter():
        if not source.tag.endswith("source"):
            continue
        name = Path(source.get("href", "")).name
        datas = [d.text or "" for d in source.iter() if d.tag.endswith("data")]
        result[name] = datas
    return result


def extract_pages(reader, pages: list[int]) -> bytes:
    """A new PDF with ``pages`` (1-based) of a pypdf reader, in order."""

    writer = PdfWriter()
    for number in pages:
        writer.add_page(reader.pages[number - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
