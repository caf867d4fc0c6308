"""Text jobs: each worker takes its jobs with a lease; a job whose lease
expired (its worker crashed) is taken over; the worker's copies stay in a
private folder it always removes."""

import os
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests
from sirhp.content.documents import api as documents
from sirhp.content.documents import rules
from sirhp.content.documents import text_jobs
from sirhp.content.documents.worker import Worker
from tests.documents import files
from tests.documents.conftest import add_document

NOW = 1_800_000_000.0


def test_lease_rules():
    assert rules.lease_free(None, "a", NOW)
    lease = rules.new_lease("a", NOW)
    assert rules.lease_free(lease, "a", NOW + 1)
    assert not rules.lease_free(lease, "b", NOW + 1)
    assert rules.lease_free(lease, "b", NOW + rules.TEXT_LEASE_SECONDS)


def _claimed(worker, now):
    return {item["UID"] for item in documents.claim_text_jobs(worker=worker, now=now)}


def test_expired_lease_is_taken_over(integration, testdata):
    portal = integration["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    doc = add_document(file, files.text_pdf(), id="leased")
    assert doc.UID() in _claimed("worker-a", NOW)
    assert doc.UID() not in _claimed("worker-b", NOW + 60)  # a holds it
    assert doc.UID() in _claimed("worker-a", NOW + 60)  # its own, renewed
    later = NOW + 60 + rules.TEXT_LEASE_SECONDS
    assert doc.UID() in _claimed("worker-b", later)  # a crashed: b takes over
    assert doc.text_lease[0] == "worker-b"
    documents.store_text(document=doc, text="bonjour", method="pdftotext")
    assert doc.text_lease is None
    assert doc.UID() not in _claimed("worker-c", later)  # done


def test_lease_seconds_from_the_environment(monkeypatch):
    monkeypatch.delenv(text_jobs.LEASE_ENV, raising=False)
    assert text_jobs.lease_seconds() == rules.TEXT_LEASE_SECONDS
    monkeypatch.setenv(text_jobs.LEASE_ENV, "12")
    assert text_jobs.lease_seconds() == 12
    for wrong in ("0", "-5", "soon", ""):
        monkeypatch.setenv(text_jobs.LEASE_ENV, wrong)
        assert text_jobs.lease_seconds() == rules.TEXT_LEASE_SECONDS


def test_claim_needs_a_worker_id():
    with pytest.raises(documents.DocumentError):
        documents.claim_text_jobs(worker=" ")


def test_claim_refused_to_a_clerk(functional, testdata):
    response = requests.post(
        f"{functional['portal'].absolute_url()}/@text-queue",
        json={"worker": "w"},
        auth=("clerk.pn", testdata.PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code in (401, 403)


def test_private_folder_removed_after_an_exception(functional):
    worker = Worker(
        functional["portal"].absolute_url(), SITE_OWNER_NAME, SITE_OWNER_PASSWORD
    )
    folder = worker.workdir
    assert os.stat(folder).st_mode & 0o777 == 0o700
    with pytest.raises(RuntimeError):
        with worker:
            open(os.path.join(folder, "copy.pdf"), "wb").write(b"%PDF")
            raise RuntimeError("crash in the middle of a job")
    assert not os.path.exists(folder)
