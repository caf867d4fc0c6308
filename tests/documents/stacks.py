"""Scanned stacks of cover sheets and pages, as a scanner would produce them:
cover sheets are printed by SIRHP, rasterised (200 dpi) and put back as images."""

from pathlib import Path
from PIL import Image
from PIL import ImageDraw
from sirhp.content.documents.cover_sheet import render_cover_sheets
import subprocess
import tempfile
from tests.documents import files


def cover_images(sheets, dpi=100):
    pdf = render_cover_sheets(
        [
            {
                "type_label": s[1],
                "name": "",
                "agency": "",
                "matricule": s[0],
                "document_type": s[1],
            }
            for s in sheets
        ]
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(path), f"{tmp}/c"],
            check=True,
        )
        images = []
        for png in sorted(
            Path(tmp).glob("c-*.png"), key=lambda p: int(p.stem.split("-")[1])
        ):
            image = Image.open(png)
            image.load()
            image.info["dpi"] = (dpi, dpi)
            images.append(image)
    return images


def smudge(image):
    """The QR code made unreadable (ink stain); the black band stays."""
    image = image.copy()
    width, height = image.size
    draw = ImageDraw.Draw(image)
    draw.rectangle((width * 0.25, height * 0.12, width * 0.75, height * 0.47), fill=128)
    return image


def page(label, dpi=100):
    image = files.page_image(
        (label, "Pièce numérisée — Ségou"), size=(827, 1169), dpi=dpi
    )
    return image


def stack_pdf(plan, dpi=100):
    """``plan``: list of ("cover", matricule, type) | ("smudged", m, t) | ("page", label)."""
    sheets = [(item[1], item[2]) for item in plan if item[0] in ("cover", "smudged")]
    covers = iter(cover_images(sheets, dpi))
    images = []
    for item in plan:
        if item[0] == "cover":
            images.append(next(covers))
        elif item[0] == "smudged":
            images.append(smudge(next(covers)))
        else:
            images.append(page(item[1], dpi))
    return images_pdf(images, dpi)


def images_pdf(images, dpi):
    import io
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for image in images:
        width, height = image.size
        page_w, page_h = width * 72 / dpi, height * 72 / dpi
        pdf.setPageSize((page_w, page_h))
        buffer = io.BytesIO()
        image.convert("L").save(buffer, "PNG")
        pdf.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, page_w, page_h)
        pdf.showPage()
    pdf.save()
    return out.getvalue()
