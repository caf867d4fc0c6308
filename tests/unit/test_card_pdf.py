"""Badge PDF: page sizes, texts with accents, QR code and Code 128 read back.

The PDF is checked with the Debian tools used by a real print shop: poppler
(pdfinfo, pdftotext, pdftoppm) and zbar (zbarimg). They are installed in CI;
a missing tool fails the test (apt-get install poppler-utils zbar-tools).
"""

from datetime import date
import io
import math
from PIL import Image
from PIL import ImageDraw
import pytest
import re
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
import shutil
from sirhp.content.badges import card_faces
from sirhp.content.badges import card_layout
from sirhp.content.badges.card import render_cards
from sirhp.content.badges.card_layout import CardData
import subprocess

CR80_PTS = (85.6 * mm, 54 * mm)  # 242.65 x 153.07 pts
URL = "https://sirhp.police.ml/verifier/OCS-2025-000123?c=9f2b7e41d0a3c5e8"
LONG_UNIT = (
    "Brigade territoriale de la gendarmerie et de la police de Kidal, section de "
    "la lutte contre les stupéfiants et la criminalité transfrontalière organisée"
)


def _tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is missing: apt-get install poppler-utils zbar-tools "
            "(needed to check the badge PDF)"
        )
    return path


def _run(*args):
    command = [_tool(args[0]), *map(str, args[1:])]
    result = subprocess.run(command, capture_output=True, check=True, timeout=120)
    return result.stdout.decode("utf-8")


def _photo(colour=(200, 30, 30)):
    image = Image.new("RGB", (700, 900), colour)
    ImageDraw.Draw(image).ellipse((200, 150, 500, 500), fill=(120, 80, 50))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def _card(number=123, **changes):
    values = dict(
        agency_title="Office central des stupéfiants",
        agency_code="OCS",
        colour="#1f3a93",
        accent="#c9a227",
        full_name="Aminata Traoré",
        grade="Commissaire divisionnaire de police",
        matricule="104582M",
        unit="Commissariat du 3e arrondissement de Bamako",
        card_number=f"OCS-2025-{number:06d}",
        issue_date=date(2025, 1, 15),
        expiry_date=date(2030, 1, 14),
        verification_url=f"https://sirhp.police.ml/verifier/OCS-2025-{number:06d}"
        f"?c=9f2b7e41d0a3c5e8",
        photo=None,
    )
    values.update(changes)
    return CardData(**values)


def _write(tmp_path, pdf, name="cards.pdf"):
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def _page_sizes(path):
    info = _run("pdfinfo", "-f", 1, "-l", 9999, path)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = [
        (float(w), float(h))
        for w, h in re.findall(
            r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M
        )
    ]
    assert len(sizes) == pages
    return sizes


def _text(path, page):
    return _run("pdftotext", "-layout", "-f", page, "-l", page, path, "-")


def _render(path, page, tmp_path, dpi=300):
    """The page as a PNG at ``dpi``; returns its path."""
    prefix = tmp_path / f"page{page}"
    _run(
        "pdftoppm",
        "-r",
        dpi,
        "-f",
        page,
        "-l",
        page,
        "-png",
        "-singlefile",
        path,
        prefix,
    )
    return prefix.with_suffix(".png")


def _codes(png):
    """{symbology: [data, ...]} read by zbarimg ("QR-Code", "CODE-128"...)."""
    # zbarimg exits with 4 when it finds no code: the output is read anyway
    result = subprocess.run(
        [_tool("zbarimg"), "-q", "--nodbus", str(png)], capture_output=True, timeout=60
    )
    assert result.returncode in (0, 4), result.stderr
    codes = {}
    for line in result.stdout.decode("utf-8").splitlines():
        kind, _, data = line.partition(":")
        codes.setdefault(kind, []).append(data)
    return codes


def _close(size, expected, tolerance=0.05):
    return all(abs(a - b) <= tolerance for a, b in zip(size, expected, strict=True))


# --- page sizes and counts ------------------------------------------------------


def test_card_layout_two_cr80_pages_per_card(tmp_path):
    cards = [_card(number) for number in range(3)]
    path = _write(tmp_path, render_cards(cards))
    sizes = _page_sizes(path)
    assert len(sizes) == 6 == card_layout.page_count(3, "card")
    for size in sizes:
        assert _close(size, (242.65, 153.07)), size
        assert _close(size, CR80_PTS)


@pytest.mark.parametrize("count", [1, 10, 11, 23])
def test_a4_layout_page_count(tmp_path, count):
    cards = [_card(number) for number in range(count)]
    path = _write(tmp_path, render_cards(cards, layout="a4"))
    sizes = _page_sizes(path)
    assert (
        len(sizes) == 2 * math.ceil(count / 10) == card_layout.page_count(count, "a4")
    )
    for size in sizes:
        assert _close(size, A4, tolerance=0.1), size


def test_refused_arguments():
    with pytest.raises(ValueError):
        render_cards([_card()], layout="letter")
    with pytest.raises(ValueError):
        render_cards([])
    with pytest.raises(ValueError, match="OCS-2025-000123"):
        render_cards([_card(photo=b"<html>not a photo</html>")])


# --- texts ------------------------------------------------------------------------


def test_front_texts_with_accents(tmp_path):
    path = _write(tmp_path, render_cards([_card(photo=_photo())]))
    front = _text(path, 1)
    for expected in (
        "RÉPUBLIQUE DU MALI",
        "OFFICE CENTRAL DES STUPÉFIANTS",
        "OCS",
        "CARTE PROFESSIONNELLE",
        "Aminata Traoré",
        "Commissaire divisionnaire de police",
        "Matricule : 104582M",
        "Unité : Commissariat du 3e arrondissement de Bamako",
        "Carte N° OCS-2025-000123",
        "Valable du 15/01/2025 au 14/01/2030",
    ):
        assert expected in front, expected
    assert "PHOTO" not in front


def test_back_texts_with_accents(tmp_path):
    path = _write(tmp_path, render_cards([_card()]))
    back = " ".join(_text(path, 2).split())  # the long sentence is wrapped
    for expected in (
        "OFFICE CENTRAL DES STUPÉFIANTS",
        "Vérifiez cette carte : scannez le code QR",
        "Cette carte est la propriété de l'État. Si vous la trouvez, "
        "remettez-la au commissariat le plus proche.",
        "Valable jusqu'au 14/01/2030",
    ):
        assert expected in back, expected


def test_placeholder_without_photo(tmp_path):
    path = _write(tmp_path, render_cards([_card(photo=None)]))
    assert "PHOTO" in _text(path, 1)


def test_photo_is_drawn_in_its_frame(tmp_path):
    path = _write(tmp_path, render_cards([_card(photo=_photo((200, 30, 30)))]))
    image = Image.open(_render(path, 1, tmp_path, dpi=100)).convert("RGB")
    # top-left area of the photo frame (x 4..24 mm, y 7..32.7 mm from the bottom)
    px = 100 / 25.4
    x, y = round(6 * px), image.height - round(30 * px)
    red, green, blue = image.getpixel((x, y))
    assert red > 160 and green < 80 and blue < 80


def _words(path, page):
    """(text, x_min, x_max) of every word of a page, from pdftotext -bbox."""
    html = _run("pdftotext", "-bbox", "-f", page, "-l", page, path, "-")
    return [
        (word, float(x_min), float(x_max))
        for x_min, x_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            html,
        )
    ]


def test_long_texts_do_not_overflow(tmp_path):
    card = _card(
        full_name="Aïssata Bintou Maïmouna Kadidiatou Diarra-Coulibaly-Keïta",
        grade="Commissaire principal de police hors classe, chef de division",
        unit=LONG_UNIT,
    )
    path = _write(tmp_path, render_cards([card, _card(unit=LONG_UNIT * 3)]))
    for page in (1, 2, 3, 4):
        words = _words(path, page)
        assert words
        for word, x_min, x_max in words:
            assert x_min >= 0 and x_max <= CR80_PTS[0] - 2 * mm, (page, word, x_max)
    front = _text(path, 1)
    assert "Unité : Brigade territoriale" in front
    assert "…" in front  # the unit was cut, with an ellipsis


def test_fit_text():
    text, size = card_faces.fit_text("Court", "Helvetica", 8, 100, 5)
    assert (text, size) == ("Court", 8)
    text, size = card_faces.fit_text("Un nom un peu long", "Helvetica", 10, 60, 5)
    assert text == "Un nom un peu long" and 5 <= size < 10
    text, size = card_faces.fit_text(LONG_UNIT, "Helvetica", 8, 100, 5)
    assert size == 5 and text.endswith("…")
    assert stringWidth(text, "Helvetica", size) <= 100


# --- codes on the back --------------------------------------------------------------


def test_back_qr_and_code128_read_back(tmp_path):
    path = _write(tmp_path, render_cards([_card(photo=_photo(), verification_url=URL)]))
    codes = _codes(_render(path, 2, tmp_path))
    assert codes.get("QR-Code") == [URL]
    assert codes.get("CODE-128") == ["OCS-2025-000123"]


def test_qr_code_is_at_least_22_mm_wide(tmp_path):
    path = _write(tmp_path, render_cards([_card(verification_url=URL)]))
    image = Image.open(_render(path, 2, tmp_path)).convert("L")
    px_per_mm = 300 / 25.4
    # left part of the back, between the flag stripe and the barcode
    box = (0, round(9 * px_per_mm), round(40 * px_per_mm), round(38 * px_per_mm))
    dark = image.crop(box).point(lambda v: 255 if v < 128 else 0)
    left, top, right, bottom = dark.getbbox()
    assert (right - left) / px_per_mm >= 22
    assert (bottom - top) / px_per_mm >= 22


def test_front_has_no_code(tmp_path):
    path = _write(tmp_path, render_cards([_card(photo=_photo())]))
    assert _codes(_render(path, 1, tmp_path)) == {}


def test_a4_backs_are_mirrored(tmp_path):
    """Duplex on the long edge: the back of the top-left card is top-right."""
    cards = [_card(number) for number in (1, 2, 3)]
    path = _write(tmp_path, render_cards(cards, layout="a4"))
    fronts = _text(path, 1)
    for name in ("OCS-2025-000001", "OCS-2025-000002", "OCS-2025-000003"):
        assert name in fronts
    sheet = Image.open(_render(path, 2, tmp_path))
    scale = 300 / 72
    page_w, page_h = A4
    card_w, card_h = CR80_PTS
    for index, (x, y) in enumerate(card_layout.a4_positions()[:3]):
        mirrored_x = page_w - x - card_w
        box = (
            round(mirrored_x * scale),
            round((page_h - y - card_h) * scale),
            round((mirrored_x + card_w) * scale),
            round((page_h - y) * scale),
        )
        crop = tmp_path / f"back{index}.png"
        sheet.crop(box).save(crop)
        codes = _codes(crop)
        assert codes.get("CODE-128") == [cards[index].card_number], index
        assert codes.get("QR-Code") == [cards[index].verification_url], index


def test_a4_positions_fit_the_sheet():
    positions = card_layout.a4_positions()
    assert len(positions) == 10
    card_w, card_h = CR80_PTS
    for x, y in positions:
        assert 5 * mm <= x and x + card_w <= A4[0] - 5 * mm
        assert 5 * mm <= y and y + card_h <= A4[1] - 5 * mm
    # two columns, symmetric: mirroring swaps them exactly
    xs = sorted({round(x, 3) for x, _ in positions})
    assert len(xs) == 2
    assert abs(xs[0] - (A4[0] - xs[1] - card_w)) < 0.01
