"""Refusals of the document domain: French first, English for who chose it.

The French sentences are those the checks always gave (other tests compare
them); a filled-in refusal (a size limit) is translated with its value.
"""

from base64 import b64encode
from plone import api
import pytest
import requests
from sirhp.content.documents import pdf
from sirhp.content.documents import refusals
from tests.documents import files
import transaction

JSON = {"Accept": "application/json"}


def test_filled_refusal_is_the_french_sentence():
    data = files.text_pdf() + b"\n%" + b"x" * (1024 * 1024 + 10)
    with pytest.raises(refusals.DocumentError) as info:
        pdf.check_document_file(data, max_mb=1)
    assert info.value.message == "Le fichier est trop volumineux : 1 Mo au maximum."
    assert info.value.status == 400


def _batch(portal, testdata, data, language):
    session = requests.Session()
    session.auth = ("clerk.pn", testdata.PASSWORD)
    session.cookies.set("I18N_LANGUAGE", language)
    return session.post(
        f"{portal.absolute_url()}/police-nationale/@batch-filing",
        json={"data": b64encode(data).decode()},
        headers=JSON,
        timeout=60,
    )


@pytest.mark.parametrize(
    "language,expected",
    [
        ("fr", "Le fichier contient du SVG, du HTML ou un script : refusé"),
        ("en", "The file contains SVG, HTML or a script: refused"),
    ],
)
def test_refusal_in_the_user_language(functional, testdata, language, expected):
    response = _batch(functional["portal"], testdata, b"<html></html>", language)
    assert response.status_code == 400
    assert response.json()["message"].startswith(expected)
    assert response.json()["error"]["message"] == response.json()["message"]


def test_filled_refusal_translated(functional, testdata):
    portal = functional["portal"]
    api.portal.set_registry_record("sirhp.documents.max_upload_mb", 1)
    transaction.commit()
    try:
        data = files.text_pdf() + b"\n%" + b"x" * (1024 * 1024 + 10)
        english = _batch(portal, testdata, data, "en")
        french = _batch(portal, testdata, data, "fr")
    finally:
        api.portal.set_registry_record("sirhp.documents.max_upload_mb", 50)
        transaction.commit()
    assert english.json()["message"] == "The file is too large: 1 MB at most."
    assert french.json()["message"] == (
        "Le fichier est trop volumineux : 1 Mo au maximum."
    )
