"""Generated test files for scanned documents: nothing is a fixture file.

- ``text_pdf``: a born-digital PDF (reportlab, real text layer);
- ``scan_pdf``: an image-only PDF of French text with accents (the text is
  drawn into a 300 dpi greyscale image, the image becomes the PDF page);
- ``image``: JPEG / PNG / multi-page TIFF pages;
- ``stack``: a scanned stack of cover sheets and pages;
- ``sized_pdf``: a valid PDF of a given size (upload limits).
"""

import io
from pathlib import Path
from PIL import Image
from PIL import ImageDraw
from PIL import ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SCAN_TEXT = (
    "RÉPUBLIQUE DU MALI",
    "Un Peuple - Un But - Une Foi",
    "Certificat de scolarité",
    "L'élève Aïssata Coulibaly a réussi l'examen",
    "du baccalauréat, série sciences économiques.",
    "Fait à Ségou, le 12 février 2015.",
)


def _font(size):
    if FONT.exists():
        return ImageFont.truetype(str(FONT), size)
    return ImageFont.load_default(size=size)


def text_pdf(lines=("Arrêté de nomination", "Décision numéro 2024-117"), pages=1):
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for page in range(pages):
        y = 780
        for line in lines:
            pdf.setFont("Helvetica", 14)
            pdf.drawString(72, y, line)
            y -= 24
        pdf.drawString(72, 100, f"Page {page + 1} — texte de remplissage " * 2)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def page_image(lines=SCAN_TEXT, size=(2480, 3508), dpi=300):
    """A scanned A4 page at 300 dpi, greyscale, with the text drawn on it."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = _font(64)
    y = 300
    for line in lines:
        draw.text((220, y), line, fill=0, font=font)
        y += 120
    image.info["dpi"] = (dpi, dpi)
    return image


def image_bytes(image, fmt="PNG", **options):
    out = io.BytesIO()
    image.save(out, fmt, dpi=image.info.get("dpi", (300, 300)), **options)
    return out.getvalue()


def images_pdf(images):
    """One PDF page per image (what a scanner produces): no text layer."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for image in images:
        width, height = image.size
        page_w, page_h = width * 72 / 300, height * 72 / 300
        pdf.setPageSize((page_w, page_h))
        buffer = io.BytesIO()
        image.convert("L").save(buffer, "PNG")
        from reportlab.lib.utils import ImageReader

        pdf.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, page_w, page_h)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def scan_pdf(lines=SCAN_TEXT, pages=1):
    return images_pdf([page_image(lines) for _ in range(pages)])


def tiff(pages=3, size=(1240, 1754)):
    frames = [
        page_image((f"Page {n + 1} du bordereau",), size=size, dpi=150)
        for n in range(pages)
    ]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:], dpi=(150, 150))
    return out.getvalue()


def pdf_with_javascript():
    """A valid PDF whose catalog opens with a JavaScript action."""
    from pypdf import PdfReader
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject
    from pypdf.generic import NameObject
    from pypdf.generic import TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('bonjour');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_attachment():
    from pypdf import PdfReader
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.add_attachment("virus.exe", b"MZ\x90\x00 not really")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf():
    from pypdf import PdfReader
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt("motdepasse", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bomb(width=20000, height=20000):
    """A tiny PNG that claims 400 million pixels (nothing behind)."""
    import struct
    import zlib

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    pixels = zlib.compress(row * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def sized_pdf(size):
    """A valid one-page PDF of about ``size`` bytes (a long comment in the
    page's content stream, uncompressed): big uploads without big images."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject
    from pypdf.generic import NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    stream = DecodedStreamObject()
    stream.set_data(b"%" + b"x" * max(size - 1000, 0) + b"\nBT ET\n")
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
