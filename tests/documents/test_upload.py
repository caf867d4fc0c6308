"""Upload of scanned documents: accepted types, refusals with their French
message and nothing stored, images converted to one PDF, serving headers.

Every file is generated (tests/documents/files.py)."""

from plone import api
import pytest
import requests
from sirhp.content.documents import pdf
from sirhp.content.documents import refusals
from tests.documents import files
from tests.documents.conftest import JSON
from tests.documents.conftest import rest_body
import transaction

REFUSED = [
    ("empty", lambda: b"", refusals.MSG_EMPTY),
    (
        "svg",
        lambda: (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        ),
        refusals.MSG_MARKUP,
    ),
    (
        "html",
        lambda: b"<!DOCTYPE html><html><body>bonjour</body></html>",
        refusals.MSG_MARKUP,
    ),
    ("script", lambda: b"  <script>alert(1)</script>", refusals.MSG_MARKUP),
    ("exe named .pdf", lambda: b"MZ\x90\x00\x03" + b"\x00" * 100, refusals.MSG_UNKNOWN),
    ("zip named .pdf", lambda: b"PK\x03\x04" + b"\x00" * 100, refusals.MSG_UNKNOWN),
    (
        "broken pdf",
        lambda: b"%PDF-1.7\n garbage without objects",
        refusals.MSG_PDF_BROKEN,
    ),
    ("encrypted pdf", files.encrypted_pdf, refusals.MSG_ENCRYPTED),
    ("pdf with javascript", files.pdf_with_javascript, refusals.MSG_PDF_ACTIVE),
    ("pdf with attachment", files.pdf_with_attachment, refusals.MSG_PDF_ACTIVE),
    ("pixel bomb", files.png_bomb, refusals.MSG_PIXELS_ANY),
    (
        "truncated jpeg",
        lambda: files.image_bytes(files.page_image(), "JPEG")[:4000],
        refusals.MSG_IMAGE_BROKEN,
    ),
]


def _docs(portal, testdata, name="pn_draft"):
    file = portal.unrestrictedTraverse(testdata.path_of(name))
    return [o for o in file.objectValues() if o.portal_type == "ScannedDocument"]


@pytest.mark.parametrize("name,make,message", REFUSED, ids=[r[0] for r in REFUSED])
def test_rules_refuse(name, make, message):
    with pytest.raises(refusals.DocumentError) as info:
        pdf.check_document_file(make())
    assert info.value.message == message


def test_rules_size_limit():
    data = files.text_pdf() + b"\n%" + b"x" * (1024 * 1024 + 10)
    with pytest.raises(refusals.DocumentError) as info:
        pdf.check_document_file(data, max_mb=1)
    assert info.value.message == "Le fichier est trop volumineux : 1 Mo au maximum."


def test_rules_type_from_bytes_not_name():
    png = files.image_bytes(files.page_image())
    assert pdf.check_document_file(png).kind == "png"
    stored = pdf.normalise_file(png)
    assert stored.data.startswith(b"%PDF-") and stored.pages == 1
    assert refusals.pdf_filename("photo.pdf.exe") == "photo.pdf.pdf"


def test_rules_multipage_tiff_becomes_one_pdf_in_order():
    stored = pdf.normalise_file(files.tiff(pages=3))
    assert stored.pages == 3 and stored.source_kind == "tiff"
    import io
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(stored.data)).pages) == 3


@pytest.mark.parametrize("name,make,message", REFUSED, ids=[r[0] for r in REFUSED])
def test_rest_refuses_and_stores_nothing(functional, testdata, name, make, message):
    portal = functional["portal"]
    before = len(_docs(portal, testdata))
    response = requests.post(
        f"{portal.absolute_url()}/{testdata.path_of('pn_draft')}",
        json=rest_body(make(), filename="piece.pdf"),
        auth=("clerk.pn", testdata.PASSWORD),
        headers=JSON,
        timeout=60,
    )
    assert response.status_code == 400, response.text
    assert message in response.json()["message"]
    transaction.begin()
    assert len(_docs(portal, testdata)) == before


def test_rest_size_limit_from_registry(functional, testdata):
    portal = functional["portal"]
    api.portal.set_registry_record("sirhp.documents.max_upload_mb", 1)
    transaction.commit()
    try:
        data = files.text_pdf() + b"\n%" + b"x" * (1024 * 1024 + 10)
        response = requests.post(
            f"{portal.absolute_url()}/{testdata.path_of('pn_draft')}",
            json=rest_body(data),
            auth=("clerk.pn", testdata.PASSWORD),
            headers=JSON,
            timeout=60,
        )
        assert response.status_code == 400
        assert "1 Mo au maximum" in response.json()["message"]
    finally:
        api.portal.set_registry_record("sirhp.documents.max_upload_mb", 50)
        transaction.commit()


def test_rest_image_becomes_pdf_queued_and_served_safely(functional, testdata):
    portal = functional["portal"]
    url = f"{portal.absolute_url()}/{testdata.path_of('pn_draft')}"
    png = files.image_bytes(files.page_image())
    response = requests.post(
        url,
        # the browser's claim (image/svg+xml) and the name are ignored
        json=rest_body(png, filename="scan.svg", content_type="image/svg+xml"),
        auth=("clerk.pn", testdata.PASSWORD),
        headers=JSON,
        timeout=60,
    )
    assert response.status_code == 201, response.text
    doc_url = response.json()["@id"]
    transaction.begin()
    doc = portal.unrestrictedTraverse(doc_url.replace(portal.absolute_url() + "/", ""))
    assert doc.file.contentType == "application/pdf"
    assert doc.file.filename == "scan.pdf"
    assert doc.file.data.startswith(b"%PDF-")
    assert doc.page_count == 1
    assert doc.text_status == "pending"
    assert doc.scan_operator == "clerk.pn" and doc.scan_source == "upload"
    catalog = api.portal.get_tool("portal_catalog")
    assert catalog.unrestrictedSearchResults(UID=doc.UID(), text_status="pending")

    auth = ("clerk.pn", testdata.PASSWORD)
    download = requests.get(f"{doc_url}/@@download/file", auth=auth, timeout=30)
    assert download.status_code == 200
    assert download.headers["Content-Type"].startswith("application/pdf")
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    inline = requests.get(f"{doc_url}/@@display-file/file", auth=auth, timeout=30)
    assert inline.status_code == 200
    assert inline.headers["Content-Type"].startswith("application/pdf")
    assert "attachment" not in inline.headers.get("Content-Disposition", "")
    assert inline.headers["X-Content-Type-Options"] == "nosniff"
    page = requests.get(doc_url, auth=auth, timeout=30)
    assert "Texte en cours d'extraction" in page.text
    preview = requests.get(
        f"{doc_url}/@@apercu?page=1&largeur=120", auth=auth, timeout=30
    )
    assert preview.status_code == 200 and preview.content[:3] == b"\xff\xd8\xff"


def test_form_refuses_with_message(functional, testdata):
    """The add form (z3c.form) shows the same message and stores nothing."""
    portal = functional["portal"]
    url = f"{portal.absolute_url()}/{testdata.path_of('pn_draft')}"
    session = requests.Session()
    session.auth = ("clerk.pn", testdata.PASSWORD)
    form = session.get(f"{url}/++add++ScannedDocument", timeout=30)
    import re

    assert form.status_code == 200
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', form.text).group(1)
    before = len(_docs(portal, testdata))
    response = session.post(
        f"{url}/++add++ScannedDocument",
        data={
            "form.widgets.document_type:list": "diplome",
            "form.widgets.document_type-empty-marker": "1",
            "_authenticator": token,
            "form.buttons.save": "Enregistrer",
        },
        files={
            "form.widgets.file": (
                "diplome.pdf",
                b"<html><script>x</script></html>",
                "application/pdf",
            )
        },
        timeout=30,
    )
    assert (
        refusals.MSG_MARKUP.replace("'", "&#x27;") in response.text
        or refusals.MSG_MARKUP in response.text
    )
    transaction.begin()
    assert len(_docs(portal, testdata)) == before


def test_code_path_refused_too(portal, testdata):
    """Content created by code without validation is refused by the subscriber."""
    from tests.documents.conftest import add_document

    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with pytest.raises(Exception) as info:
        add_document(file, b"<svg/>")
    assert refusals.MSG_MARKUP in str(info.value)
