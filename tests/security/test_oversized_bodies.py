"""Oversized request bodies: a 413 with a French message, nothing stored.

Over real HTTP (the functional layer's waitress server). Before this check,
on the test layer (Zope's default ``form-memory-limit``, 1 MB):

- a 78 MB urlencoded post to a file's ``@@edit`` got Zope's 400 with Plone's
  English error page ("We're sorry, but there seems to be an error"), or
  ``{"error_type": "BadRequest"}`` for a client sending ``Accept: */*``;
- a 78 MB multipart post to the document add form was read to disk, then
  the field refused the file (over 50 MB) on the form page;
- a REST body was read whole in memory whatever its size (plone.restapi
  lifts Zope's limit): an 80 MB document answered by the validator, a 200 MB
  workflow comment accepted and stored.

The limit (``request_limit_mb``) follows ``sirhp.documents.max_upload_mb``:
a document at the upload limit still goes through, base64 in JSON too.
"""

from base64 import b64encode
import math
from plone import api
import pytest
import re
import requests
from sirhp.policy.hardening import body_size
from sirhp.policy.hardening.body_size import request_limit_mb
from tests.documents.files import sized_pdf
import transaction

MB = 1024 * 1024
UPLOAD_MB = 50
LIMIT_MB = request_limit_mb(UPLOAD_MB)
MESSAGE = f"La requête est trop volumineuse : {LIMIT_MB} Mo au maximum."
JSON = {"Accept": "application/json"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
OVER = LIMIT_MB * MB + 1024  # just over the limit


def _session(testdata, login="clerk.pn"):
    session = requests.Session()
    session.auth = (login, testdata.PASSWORD)
    return session


def _token(session, url):
    page = session.get(url, timeout=60)
    assert page.status_code == 200
    return re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)


def _documents(functional, testdata):
    transaction.begin()
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    return sorted(o.getId() for o in file.objectValues())


def _state(functional, testdata):
    transaction.begin()
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    history = file.workflow_history["sirhp_record_workflow"]
    return file.address, file.modified(), len(history), api.content.get_state(file)


def _assert_page(response, message=MESSAGE):
    assert response.status_code == 413, (response.status_code, response.text[:300])
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert message in response.text
    assert "Rien n'a été enregistré" in response.text
    assert "Traceback" not in response.text


def _assert_json(response, message=MESSAGE):
    assert response.status_code == 413, (response.status_code, response.text[:300])
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json() == {"type": "RequestEntityTooLarge", "message": message}


def test_limit_is_upload_limit_base64_plus_margin():
    assert LIMIT_MB == 77
    assert request_limit_mb(1) == 12
    # a document at the upload limit, base64 in a JSON body, fits
    assert 4 * math.ceil(UPLOAD_MB * MB / 3) + 10_000 < LIMIT_MB * MB


@pytest.mark.parametrize(
    "headers,check",
    [(BROWSER, _assert_page), (JSON, _assert_json)],
    ids=["html", "json"],
)
def test_edit_form(functional, testdata, headers, check):
    url = f"{functional['portal'].absolute_url()}/{testdata.path_of('pn_draft')}"
    session = _session(testdata)
    token = _token(session, f"{url}/@@edit")
    before = _state(functional, testdata)
    response = session.post(
        f"{url}/@@edit",
        data={
            "_authenticator": token,
            "form.widgets.address": "A" * OVER,
            "form.buttons.save": "Enregistrer",
        },
        headers=headers,
        timeout=300,
    )
    check(response)
    assert _state(functional, testdata) == before


def test_document_add_form(functional, testdata):
    url = f"{functional['portal'].absolute_url()}/{testdata.path_of('pn_draft')}"
    session = _session(testdata)
    token = _token(session, f"{url}/++add++ScannedDocument")
    before = _documents(functional, testdata)
    response = session.post(
        f"{url}/++add++ScannedDocument",
        data={
            "form.widgets.document_type:list": "diplome",
            "form.widgets.document_type-empty-marker": "1",
            "_authenticator": token,
            "form.buttons.save": "Enregistrer",
        },
        files={"form.widgets.file": ("pile.pdf", sized_pdf(OVER), "application/pdf")},
        headers=BROWSER,
        timeout=300,
    )
    _assert_page(response)
    assert _documents(functional, testdata) == before


def test_rest_document(functional, testdata):
    url = f"{functional['portal'].absolute_url()}/{testdata.path_of('pn_draft')}"
    before = _documents(functional, testdata)
    data = sized_pdf(60 * MB)  # base64: 80 MB
    response = _session(testdata).post(
        url,
        json={
            "@type": "ScannedDocument",
            "document_type": "diplome",
            "file": {
                "data": b64encode(data).decode(),
                "encoding": "base64",
                "filename": "pile.pdf",
            },
        },
        headers=JSON,
        timeout=300,
    )
    _assert_json(response)
    assert _documents(functional, testdata) == before


def test_rest_huge_comment_chunked(functional, testdata):
    """A workflow comment of 100 MB, sent chunked (no Content-Length from the
    client: waitress counts it before Zope sees the request)."""
    url = f"{functional['portal'].absolute_url()}/{testdata.path_of('pn_draft')}"
    before = _state(functional, testdata)

    def body():
        yield b'{"comment": "'
        for _ in range(100):
            yield b"x" * MB
        yield b'"}'

    response = _session(testdata).post(
        f"{url}/@workflow/submit",
        data=body(),
        headers={**JSON, "Content-Type": "application/json"},
        timeout=300,
    )
    _assert_json(response)
    assert _state(functional, testdata) == before


def test_limit_follows_registry(functional, testdata):
    """HR lowers the upload limit: the next requests follow (the first one is
    refused after traversal, the others before Zope reads the body)."""
    portal = functional["portal"]
    url = f"{portal.absolute_url()}/{testdata.path_of('pn_draft')}"
    api.portal.set_registry_record("sirhp.documents.max_upload_mb", 1)
    transaction.commit()
    message = "La requête est trop volumineuse : 12 Mo au maximum."
    try:
        before = _documents(functional, testdata)
        for _ in range(2):
            response = _session(testdata).post(
                url,
                json={
                    "@type": "ScannedDocument",
                    "document_type": "diplome",
                    "file": {"data": "A" * (13 * MB), "filename": "a.pdf"},
                },
                headers=JSON,
                timeout=120,
            )
            _assert_json(response, message)
        assert _documents(functional, testdata) == before
    finally:
        api.portal.set_registry_record("sirhp.documents.max_upload_mb", UPLOAD_MB)
        transaction.commit()
        body_size.LIMIT.set(UPLOAD_MB)  # as the next request in the site would


def test_documents_at_the_upload_limit_still_accepted(functional, testdata):
    """50 MB (the registry limit) less a little: over REST (base64, 67 MB of
    JSON) and through the add form (multipart)."""
    url = f"{functional['portal'].absolute_url()}/{testdata.path_of('pn_draft')}"
    data = sized_pdf(UPLOAD_MB * MB - 4096)
    session = _session(testdata)
    before = _documents(functional, testdata)
    response = session.post(
        url,
        json={
            "@type": "ScannedDocument",
            "id": "diplome-rest",
            "document_type": "diplome",
            "file": {
                "data": b64encode(data).decode(),
                "encoding": "base64",
                "filename": "diplome.pdf",
            },
        },
        headers=JSON,
        timeout=300,
    )
    assert response.status_code == 201, response.text[:300]
    token = _token(session, f"{url}/++add++ScannedDocument")
    response = session.post(
        f"{url}/++add++ScannedDocument",
        data={
            "form.widgets.document_type:list": "diplome",
            "form.widgets.document_type-empty-marker": "1",
            "_authenticator": token,
            "form.buttons.save": "Enregistrer",
        },
        files={"form.widgets.file": ("diplome.pdf", data, "application/pdf")},
        headers=BROWSER,
        timeout=300,
    )
    assert response.status_code == 200
    after = _documents(functional, testdata)
    assert len(after) == len(before) + 2
    transaction.begin()
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    for new in set(after) - set(before):
        assert file[new].file.getSize() == len(data)


def test_message_in_english_for_an_english_user(functional, testdata):
    """The user chose English (language cookie): the refusal speaks English."""
    url = f"{functional['portal'].absolute_url()}/{testdata.path_of('pn_draft')}"
    session = _session(testdata)
    session.cookies.set("I18N_LANGUAGE", "en")
    before = _state(functional, testdata)
    response = session.post(
        f"{url}/@@edit",
        data={"form.widgets.address": "A" * OVER},
        headers=BROWSER,
        timeout=300,
    )
    assert response.status_code == 413
    assert f"The request is too large: {LIMIT_MB} MB at most." in response.text
    assert "Nothing was saved" in response.text
    assert _state(functional, testdata) == before
