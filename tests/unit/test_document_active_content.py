"""What a scanned document (and a change request's supporting scan) may not
carry: automatic actions and actions reaching outside the document, refused;
image metadata (EXIF, GPS), dropped. Pure rules, small PDFs built here."""

import io
from PIL import Image
from pypdf import PdfReader
from pypdf import PdfWriter
from pypdf.generic import ArrayObject
from pypdf.generic import DictionaryObject
from pypdf.generic import FloatObject
from pypdf.generic import NameObject
from pypdf.generic import NumberObject
from pypdf.generic import TextStringObject
import pytest
from sirhp.content.documents import pdf
from sirhp.content.documents import refusals
from tests.documents import files


def _name(value):
    return NameObject(value)


def _action(kind, **entries):
    action = DictionaryObject({_name("/S"): _name(kind)})
    for key, value in entries.items():
        action[_name(f"/{key}")] = value
    return action


def _uri(url="https://collecte.example.com/?id=104582M"):
    return _action("/URI", URI=TextStringObject(url))


def _gotor(path="\\\\srv-partage\\docs\\piege.pdf"):
    return _action(
        "/GoToR",
        F=TextStringObject(path),
        D=ArrayObject([NumberObject(0), _name("/Fit")]),
    )


def _pdf(change):
    """A real one-page PDF changed by ``change(writer)``."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(files.text_pdf())))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _open_action(action):
    def change(writer):
        writer._root_object[_name("/OpenAction")] = writer._add_object(action)

    return change


def _catalog_aa(action):
    def change(writer):
        writer._root_object[_name("/AA")] = DictionaryObject(
            {_name("/WC"): writer._add_object(action)}
        )

    return change


def _page_aa(action):
    def change(writer):
        writer.pages[0][_name("/AA")] = DictionaryObject({_name("/O"): action})

    return change


def _link(action):
    def change(writer):
        annotation = DictionaryObject(
            {
                _name("/Type"): _name("/Annot"),
                _name("/Subtype"): _name("/Link"),
                _name("/Rect"): ArrayObject(
                    [FloatObject(v) for v in (72, 72, 200, 100)]
                ),
                _name("/A"): action,
            }
        )
        writer.pages[0][_name("/Annots")] = ArrayObject(
            [writer._add_object(annotation)]
        )

    return change


def _outline(action):
    """A bookmark (document level) whose action is ``action``."""

    def change(writer):
        item = DictionaryObject(
            {_name("/Title"): TextStringObject("Signet"), _name("/A"): action}
        )
        item_ref = writer._add_object(item)
        outlines = DictionaryObject(
            {
                _name("/Type"): _name("/Outlines"),
                _name("/First"): item_ref,
                _name("/Last"): item_ref,
                _name("/Count"): NumberObject(1),
            }
        )
        outlines_ref = writer._add_object(outlines)
        item[_name("/Parent")] = outlines_ref
        writer._root_object[_name("/Outlines")] = outlines_ref

    return change


REFUSED = {
    "OpenAction URI": _open_action(_uri()),
    "OpenAction GoToR (network share)": _open_action(_gotor()),
    "OpenAction Launch": _open_action(
        _action("/Launch", F=TextStringObject("cmd.exe"))
    ),
    "OpenAction SubmitForm": _open_action(
        _action("/SubmitForm", F=TextStringObject("https://x.example.com"))
    ),
    "OpenAction ImportData": _open_action(
        _action("/ImportData", F=TextStringObject("donnees.fdf"))
    ),
    "OpenAction GoToE": _open_action(_action("/GoToE")),
    "OpenAction JavaScript": _open_action(
        _action("/JavaScript", JS=TextStringObject("app.alert(1)"))
    ),
    "document /AA URI": _catalog_aa(_uri()),
    "page /AA URI": _page_aa(_uri()),
    "page /AA GoTo": _page_aa(
        _action("/GoTo", D=ArrayObject([NumberObject(0), _name("/Fit")]))
    ),
    "link GoToR (network share)": _link(_gotor()),
    "link Launch": _link(_action("/Launch", F=TextStringObject("calc.exe"))),
    "link SubmitForm": _link(
        _action("/SubmitForm", F=TextStringObject("https://x.example.com"))
    ),
    "bookmark URI (document level)": _outline(_uri()),
    "bookmark GoToR": _outline(_gotor()),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_active_pdf_refused(name):
    data = _pdf(REFUSED[name])
    with pytest.raises(refusals.DocumentError) as error:
        pdf.check_document_file(data)
    assert error.value.message == refusals.MSG_PDF_ACTIVE


ACCEPTED = {
    "plain": lambda writer: None,
    "opens at a page (destination)": lambda writer: writer._root_object.__setitem__(
        _name("/OpenAction"), ArrayObject([writer.pages[0].indirect_reference])
    ),
    "opens with GoTo": _open_action(
        _action("/GoTo", D=ArrayObject([NumberObject(0), _name("/Fit")]))
    ),
    "link to a web page (clicked)": _link(_uri()),
    "bookmark to a page": _outline(
        _action("/GoTo", D=ArrayObject([NumberObject(0), _name("/Fit")]))
    ),
}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_harmless_pdf_accepted(name):
    data = _pdf(ACCEPTED[name])
    assert pdf.check_document_file(data).pages == 1


# --- images: metadata dropped ----------------------------------------------

GPS_MARKER = "GPS-ET-APPAREIL-4Z"


def _jpeg_with_exif(progressive=False):
    image = files.page_image(("Acte de naissance",), size=(620, 877), dpi=150)
    exif = Image.Exif()
    exif[0x010F] = GPS_MARKER  # Make
    exif[0x8825] = {1: "N", 2: (12.0, 39.0, 0.0), 3: "W", 4: (8.0, 0.0, 0.0)}
    out = io.BytesIO()
    image.convert("RGB").save(
        out,
        "JPEG",
        exif=exif.tobytes(),
        comment=GPS_MARKER.encode(),
        dpi=(150, 150),
        progressive=progressive,
    )
    return out.getvalue()


def _images_of(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return [
        xobject.get_object().get_data()
        for page in reader.pages
        for xobject in page["/Resources"]["/XObject"].values()
    ]


@pytest.mark.parametrize("progressive", [False, True])
def test_jpeg_metadata_dropped_pixels_kept(progressive):
    data = _jpeg_with_exif(progressive)
    assert GPS_MARKER.encode() in data and b"Exif" in data
    stored = pdf.normalise_file(data)
    assert stored.source_kind == "jpeg" and stored.pages == 1
    (embedded,) = _images_of(stored.data)
    assert GPS_MARKER.encode() not in embedded
    assert b"Exif" not in embedded
    # the very same compressed image: lossless
    original = Image.open(io.BytesIO(data))
    kept = Image.open(io.BytesIO(embedded))
    assert kept.size == original.size
    assert kept.tobytes() == original.tobytes()
    assert not kept.getexif()


def test_png_text_chunks_dropped():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Location", GPS_MARKER)
    out = io.BytesIO()
    files.page_image(("Acte",), size=(400, 300)).save(out, "PNG", pnginfo=info)
    stored = pdf.normalise_file(out.getvalue())
    assert GPS_MARKER.encode() not in stored.data
    assert all(GPS_MARKER.encode() not in image for image in _images_of(stored.data))


def test_broken_jpeg_refused_by_the_stripper():
    with pytest.raises(refusals.DocumentError):
        pdf.strip_jpeg_metadata(b"\xff\xd8\xff\xe1\x00\x40Exif")
