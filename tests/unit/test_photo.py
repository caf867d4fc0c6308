"""ID photo rules: refused files, metadata removed, orientation, crop, thumbnail.

Every image is drawn here with Pillow: no fixture file.
"""

import io
from PIL import Image
from PIL import ImageCms
from PIL import ImageDraw
from PIL import PngImagePlugin
import pytest
import random
from sirhp.content.badges import image as photo
from sirhp.content.badges import photo_rules
from sirhp.content.badges.photo_rules import PhotoRefused as PhotoError
import struct
import zlib

NOT_AN_IMAGE = "Le fichier n'est pas une image (formats acceptés : JPEG, PNG, WEBP)."
CORRUPT = "L'image est incomplète ou endommagée : veuillez envoyer un autre fichier."
RED = (220, 20, 20)
GREEN = (20, 200, 20)


def _draw(size=(800, 1000), mode="RGB"):
    """A photo-like image: gradient background, a 'face', some noise."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        (width * 0.3, height * 0.2, width * 0.7, height * 0.55), fill=(150, 100, 70)
    )
    draw.rectangle(
        (width * 0.15, height * 0.6, width * 0.85, height), fill=(30, 50, 90)
    )
    rnd = random.Random(42)
    for _ in range(200):
        x, y = rnd.randrange(width), rnd.randrange(height)
        draw.point((x, y), fill=(rnd.randrange(256),) * 3)
    return image.convert(mode)


def _save(image, fmt="JPEG", **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _gps_exif(orientation=1):
    """EXIF with camera, date, orientation and a GPS position (Bamako)."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneModel X"  # Model
    exif[0x0132] = "2025:01:15 10:00:00"  # DateTime
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (12.0, 39.0, 0.0), 3: "W", 4: (8.0, 0.0, 0.0)}
    return exif


def _png_header(width, height):
    """A tiny but well-formed 1-bit PNG claiming ``width`` x ``height`` pixels."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )


def _refused(func, data, message=None):
    with pytest.raises(PhotoError) as info:
        func(data)
    error = info.value
    assert error.message == str(error)
    if message is not None:
        assert error.message == message
    return error.message


def _opened(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# --- refused files --------------------------------------------------------


def test_empty_file():
    _refused(photo.load_image, b"", "Le fichier est vide.")
    _refused(photo.clean_photo, b"", "Le fichier est vide.")


def test_too_many_bytes():
    data = _save(_draw((400, 500)))
    data += b"\x00" * (photo_rules.MAX_BYTES + 1 - len(data))
    _refused(
        photo.load_image, data, "Le fichier est trop volumineux : 15 Mo au maximum."
    )


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        b'width="400" height="500"><rect width="400" height="500"/></svg>',
        b"<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>",
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n",
        b"Bonjour, ceci est un fichier texte.",
        b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows executable
    ],
    ids=["svg", "html", "pdf", "text", "exe"],
)
def test_not_an_image(data):
    _refused(photo.load_image, data, NOT_AN_IMAGE)
    _refused(photo.clean_photo, data, NOT_AN_IMAGE)


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_refused(fmt):
    message = _refused(photo.load_image, _save(_draw((400, 500)), fmt))
    assert message == (
        f"Format d'image non accepté ({fmt}) : formats acceptés : JPEG, PNG, WEBP."
    )


def test_pixel_bomb_beyond_pillow_limit():
    """20000 x 20000 = 400 Mpx in a few hundred bytes: refused, not decoded."""
    data = _png_header(20000, 20000)
    assert len(data) < 1000
    message = _refused(photo.load_image, data)
    assert message.startswith("L'image est trop grande : 40 millions de pixels")


def test_pixel_bomb_below_pillow_limit():
    """8000 x 6000 = 48 Mpx: Pillow would decode it, SIRHP refuses it."""
    data = _save(Image.new("1", (8000, 6000)), "PNG", optimize=True)
    assert len(data) < 100_000
    _refused(
        photo.load_image,
        data,
        "L'image est trop grande : 40 millions de pixels au maximum "
        "(reçue : 8000 × 6000).",
    )


def test_truncated_jpeg():
    data = _save(_draw())
    for cut in (len(data) // 2, len(data) - 50):
        _refused(photo.load_image, data[:cut], CORRUPT)


def test_truncated_jpeg_even_when_pillow_tolerates_it(monkeypatch):
    """plone.scale sets LOAD_TRUNCATED_IMAGES for the whole process."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = _save(_draw())
    _refused(photo.load_image, data[: len(data) - 50], CORRUPT)
    assert photo.load_image(data).size


def test_corrupt_png():
    data = bytearray(_save(_draw((400, 500)), "PNG"))
    data[200:260] = b"\x00" * 60  # inside the compressed pixels
    _refused(photo.load_image, bytes(data), CORRUPT)


def test_too_small():
    _refused(
        photo.clean_photo,
        _save(_draw((300, 400))),
        "La photo est trop petite : 350 × 450 pixels au minimum (reçue : 300 × 400).",
    )


# --- accepted files -------------------------------------------------------


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_accepted_formats(fmt):
    clean = photo.clean_photo(_save(_draw(), fmt))
    assert (clean.width, clean.height) == (800, 1000)
    assert clean.content_type == "image/jpeg"
    image = _opened(clean.data)
    assert image.format == "JPEG"
    assert image.mode == "RGB"
    assert image.size == (800, 1000)


def test_jpeg_with_several_pictures_mpo():
    """Some cameras write MPO files (a JPEG with a second picture)."""
    first, second = _draw(), _draw().rotate(180)
    data = _save(first, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(data)).format == "MPO"
    assert photo.clean_photo(data).width == 800


# --- metadata --------------------------------------------------------------


def test_exif_and_gps_removed():
    data = _save(_draw(), exif=_gps_exif(), comment=b"Tel. 76 00 00 00")
    original = Image.open(io.BytesIO(data))
    assert original.getexif().get_ifd(0x8825)  # the GPS position is there
    assert photo.has_metadata(data)

    clean = photo.clean_photo(data)
    assert not photo.has_metadata(clean.data)
    image = _opened(clean.data)
    assert len(image.getexif()) == 0
    assert not image.getexif().get_ifd(0x8825)
    for key in ("exif", "comment", "xmp", "icc_profile", "photoshop"):
        assert key not in image.info, key
    assert b"PhoneMaker" not in clean.data
    assert b"Tel. 76" not in clean.data


def test_xmp_removed():
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b"<rdf:Description>Keita Modibo</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    data = _save(_draw(), xmp=xmp)
    assert photo.has_metadata(data)
    clean = photo.clean_photo(data)
    assert not photo.has_metadata(clean.data)
    assert b"Keita" not in clean.data


def test_icc_profile_removed():
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = _save(_draw(), icc_profile=icc)
    assert photo.has_metadata(data)
    clean = photo.clean_photo(data)
    assert "icc_profile" not in _opened(clean.data).info
    assert not photo.has_metadata(clean.data)


def test_png_text_chunks_removed():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Modibo Keita")
    info.add_itxt("Comment", "Position : Bamako")
    data = _save(_draw(), "PNG", pnginfo=info)
    assert photo.has_metadata(data)
    clean = photo.clean_photo(data)
    assert not photo.has_metadata(clean.data)
    assert b"Modibo" not in clean.data


def test_plain_image_has_no_metadata():
    assert not photo.has_metadata(_save(_draw()))


def test_has_metadata_refuses_non_images():
    _refused(photo.has_metadata, b"<svg></svg>", NOT_AN_IMAGE)


# --- orientation, transparency ---------------------------------------------


def test_exif_orientation_applied():
    """Stored landscape with orientation 6 ("turn 90° right"): upright portrait."""
    stored = _draw((1000, 800))
    ImageDraw.Draw(stored).rectangle((0, 0, 99, 99), fill=RED)  # stored top-left
    data = _save(stored, exif=_gps_exif(orientation=6), quality=95)

    upright = photo.load_image(data)
    assert upright.size == (800, 1000)
    clean = photo.clean_photo(data)
    assert (clean.width, clean.height) == (800, 1000)
    image = _opened(clean.data)
    assert len(image.getexif()) == 0  # no orientation left to apply twice
    # the stored top-left corner is now the top-right corner
    red, green, blue = image.getpixel((800 - 50, 50))
    assert red > 180 and green < 80 and blue < 80


def test_transparent_png_on_white():
    image = Image.new("RGBA", (400, 500), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((100, 100, 299, 399), fill=(*GREEN, 255))
    clean = photo.clean_photo(_save(image, "PNG"))
    result = _opened(clean.data)
    assert result.format == "JPEG" and result.mode == "RGB"
    assert all(value > 245 for value in result.getpixel((5, 5)))  # white
    red, green, blue = result.getpixel((200, 250))
    assert green > 170 and red < 60 and blue < 60


def test_palette_png_with_transparency():
    image = _draw((400, 500)).convert("P", palette=Image.Palette.ADAPTIVE)
    data = _save(image, "PNG", transparency=0)
    assert photo.clean_photo(data).content_type == "image/jpeg"


# --- crop -------------------------------------------------------------------


def _ratio(clean):
    return clean.width / clean.height


def test_centred_crop_without_box():
    clean = photo.crop_to_id(_save(_draw((800, 1000))), None)
    assert (clean.width, clean.height) == (700, 900)
    assert not photo.has_metadata(clean.data)
    assert _opened(clean.data).size == (700, 900)


def test_centred_box():
    assert photo_rules.centred_box(800, 1000) == (11, 0, 778, 1000)  # wider than 7:9
    assert photo_rules.centred_box(700, 1000) == (0, 50, 700, 900)  # taller than 7:9
    assert photo_rules.centred_box(700, 900) == (0, 0, 700, 900)


def test_crop_keeps_a_small_enough_box_as_is():
    clean = photo.crop_to_id(_save(_draw()), (100, 50, 420, 540))
    assert (clean.width, clean.height) == (420, 540)


def test_crop_scales_down_to_700_x_900():
    clean = photo.crop_to_id(_save(_draw((2000, 2600))), (0, 0, 1400, 1800))
    assert (clean.width, clean.height) == (700, 900)


def test_crop_fixes_the_ratio():
    """A square box keeps its width; the height becomes width x 9 / 7."""
    clean = photo.crop_to_id(_save(_draw()), (100, 100, 500, 500))
    assert clean.width == 500
    assert abs(_ratio(clean) - 7 / 9) < 0.01


def test_crop_ratio_within_two_percent_is_kept():
    box = (0, 0, 700, 890)  # 1.1 % off
    assert photo_rules.fit_ratio(box, 800, 1000) == box
    # 2.3 % off: corrected
    assert photo_rules.fit_ratio((0, 0, 700, 880), 800, 1000) == (0, 0, 700, 900)


def test_fit_ratio_keeps_the_centre():
    # square box centred at (350, 350): height 643 around y = 350
    assert photo_rules.fit_ratio((100, 100, 500, 500), 800, 1000) == (100, 28, 500, 643)
    # near the top edge: moved down to stay inside
    assert photo_rules.fit_ratio((100, 0, 500, 500), 800, 1000) == (100, 0, 500, 643)
    # image not tall enough: full height, width reduced around the centre
    assert photo_rules.fit_ratio((0, 0, 1000, 600), 1000, 600) == (266, 0, 467, 600)


def test_crop_box_outside_the_image():
    data = _save(_draw((800, 1000)))
    for box in [(-10, 0, 400, 500), (500, 0, 400, 500), (0, 600, 400, 500)]:
        message = _refused(lambda d, box=box: photo.crop_to_id(d, box), data)
        assert message == (
            "Le cadrage sort de l'image (image de 800 × 1000 pixels) : "
            "veuillez recadrer la photo."
        )


def test_crop_one_pixel_overshoot_tolerated():
    """The browser cropper may round one pixel past the edge."""
    clean = photo.crop_to_id(_save(_draw((800, 1000))), (401, 0, 400, 515))
    assert clean.width == 399


def test_crop_too_small():
    _refused(
        lambda data: photo.crop_to_id(data, (0, 0, 280, 360)),
        _save(_draw()),
        "La photo est trop petite : 350 × 450 pixels au minimum (reçue : 280 × 360).",
    )


def test_crop_box_is_in_upright_coordinates():
    """Stored 1000 x 800 with orientation 6: upright 800 x 1000, box 700 x 900 fits."""
    data = _save(_draw((1000, 800)), exif=_gps_exif(orientation=6))
    clean = photo.crop_to_id(data, (50, 50, 700, 900))
    assert (clean.width, clean.height) == (700, 900)
    assert not photo.has_metadata(clean.data)


# --- parse_box ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10,20,350,450", (10, 20, 350, 450)),
        (" 10.4 , 20.6,350.2,449.7 ", (10, 21, 350, 450)),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_parse_box(text, expected):
    assert photo_rules.parse_box(text) == expected


@pytest.mark.parametrize(
    "text", ["abc", "1,2,3", "1,2,3,4,5", "1,2,0,4", "1,2,-3,4", "nan,1,2,3", "1;2;3;4"]
)
def test_parse_box_invalid(text):
    message = _refused(photo_rules.parse_box, text)
    assert message.startswith("Cadrage invalide")


# --- thumbnail ----------------------------------------------------------------


def test_thumbnail_is_small():
    id_photo = photo.crop_to_id(_save(_draw((1400, 1800)), quality=95), None)
    assert (id_photo.width, id_photo.height) == (700, 900)
    small = photo.thumbnail(id_photo.data)
    assert len(small) < 15 * 1024
    image = _opened(small)
    assert image.format == "JPEG"
    assert image.size == (120, 154)
    assert not photo.has_metadata(small)


def test_thumbnail_never_enlarges():
    data = _save(_draw((400, 500)))
    assert _opened(photo.thumbnail(data, width=1000)).size == (400, 500)
