"""A conflict that outlives Zope's retries, a full disk: a French
"réessayez" (503 + Retry-After) on both channels, never a raw English 500
with internal ids; nothing stored and no orphan blob.

The persistent conflict is forced by a publication subscriber that raises
``ConflictError`` on every attempt (Zope retries it three times)."""

import errno
from pathlib import Path
from plone.namedfile.storages import BytesStorable
import pytest
import requests
from sirhp.policy.hardening import retry
from tests.documents import files
from tests.documents.conftest import JSON
from tests.documents.conftest import rest_body
import transaction
from ZODB.POSException import ConflictError
from zope.component import getGlobalSiteManager
from ZPublisher.interfaces import IPubAfterTraversal

OID = "0x1a2b3c"
CLASS = "sirhp.content.content.personnel_file.PersonnelFile"


@pytest.fixture
def always_conflict():
    attempts = []

    def conflict(event):
        attempts.append(1)
        raise ConflictError(f"database conflict error (oid {OID}, class {CLASS})")

    registry = getGlobalSiteManager()
    registry.registerHandler(conflict, (IPubAfterTraversal,))
    try:
        yield attempts
    finally:
        registry.unregisterHandler(conflict, (IPubAfterTraversal,))


def _no_internals(text):
    assert OID not in text and CLASS not in text
    assert "Traceback" not in text and "ConflictError(" not in text


def test_rest_conflict_is_a_french_503(functional, testdata, always_conflict):
    portal = functional["portal"]
    response = requests.get(
        f"{portal.absolute_url()}/{testdata.path_of('pn_draft')}",
        auth=("clerk.pn", testdata.PASSWORD),
        headers=JSON,
        timeout=60,
    )
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"] == str(retry.RETRY_AFTER_SECONDS)
    body = response.json()
    assert body["type"] == "ConflictError"
    assert body["message"].startswith("Le serveur est très sollicité")
    assert body["error"] == {"type": "ConflictError", "message": body["message"]}
    _no_internals(response.text)
    assert len(always_conflict) == 4  # the first attempt and Zope's 3 retries


def test_page_conflict_is_a_light_french_page(functional, testdata, always_conflict):
    portal = functional["portal"]
    response = requests.get(
        f"{portal.absolute_url()}/{testdata.path_of('pn_draft')}",
        auth=("clerk.pn", testdata.PASSWORD),
        timeout=60,
    )
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Réessayez dans quelques secondes" in response.text
    assert "Serveur occupé" in response.text
    _no_internals(response.text)


def test_page_conflict_in_english(functional, testdata, always_conflict):
    portal = functional["portal"]
    response = requests.get(
        f"{portal.absolute_url()}/{testdata.path_of('pn_draft')}",
        auth=("clerk.pn", testdata.PASSWORD),
        cookies={"I18N_LANGUAGE": "en"},
        timeout=60,
    )
    assert response.status_code == 503
    assert "Please try again in a few seconds" in response.text
    _no_internals(response.text)


def _blob_files(portal):
    storage = portal._p_jar.db().storage
    folder = Path(storage.temporaryDirectory())
    return {path for path in folder.rglob("*") if path.is_file()}


def _documents(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    return [o for o in file.objectValues() if o.portal_type == "ScannedDocument"]


def test_full_disk_is_a_french_503_and_leaves_no_blob(
    functional, testdata, monkeypatch
):
    portal = functional["portal"]
    before_docs = len(_documents(portal, testdata))
    before = _blob_files(portal)
    written = []

    def full_disk(self, data, blob):
        with blob.open("w") as fp:
            fp.write(data[: len(data) // 2])
            written.append(fp.name)
            raise OSError(errno.ENOSPC, "No space left on device", fp.name)

    monkeypatch.setattr(BytesStorable, "store", full_disk)
    response = requests.post(
        f"{portal.absolute_url()}/{testdata.path_of('pn_draft')}",
        json=rest_body(files.text_pdf()),
        auth=("clerk.pn", testdata.PASSWORD),
        headers=JSON,
        timeout=60,
    )
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"]
    body = response.json()
    assert body["type"] == "DiskError"
    assert body["message"].startswith("Le serveur ne peut pas écrire sur son disque")
    assert "No space left" not in response.text
    assert written[-1] not in response.text
    assert written  # the blob was being written
    assert _blob_files(portal) == before
    transaction.begin()
    assert len(_documents(portal, testdata)) == before_docs


def test_other_os_errors_keep_the_error_page():
    assert retry.is_disk_error(OSError(errno.ENOSPC, "full"))
    assert retry.is_disk_error(OSError(errno.EROFS, "read-only"))
    assert not retry.is_disk_error(FileNotFoundError(errno.ENOENT, "missing"))
    assert not retry.is_disk_error(ValueError("no"))
