"""Text extraction by the worker (over HTTP), full-text search, and the
security of restricted document types (their text is not found by others)."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests
from sirhp.content.documents.worker import Worker
from tests.documents import files
from tests.documents.conftest import add_document
import transaction


def _worker(portal):
    return Worker(portal.absolute_url(), SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def _search(user, **query):
    with api.env.adopt_user(username=user):
        return [
            b.getPath()
            for b in api.content.find(portal_type="ScannedDocument", **query)
        ]


def _run_worker(portal):
    transaction.commit()
    worker = _worker(portal)
    total = 0
    while done := worker.run_once():
        total += done
    transaction.begin()
    return total


def test_scan_is_ocrd_and_found_by_accented_word(functional, testdata):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    doc = add_document(file, files.scan_pdf(), id="scan")
    assert doc.text_status == "pending"
    assert not _search("clerk.pn", SearchableText="Ségou")
    assert _run_worker(portal) >= 1
    doc = file["scan"]
    assert doc.text_status == "done", doc.text_error
    assert doc.text_method == "ocr"
    assert "Ségou" in doc.extracted_text and "baccalauréat" in doc.extracted_text
    path = "/".join(doc.getPhysicalPath())
    assert path in _search("clerk.pn", SearchableText="Ségou")
    assert path in _search("clerk.pn", SearchableText="baccalauréat")
    # the document page shows the text
    page = requests.get(
        doc.absolute_url(), auth=("clerk.pn", testdata.PASSWORD), timeout=30
    )
    assert "Texte extrait" in page.text and "baccalauréat" in page.text


def test_text_pdf_indexed_without_ocr(functional, testdata):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    data = files.text_pdf(("Arrêté de titularisation", "Commissariat de Kéniéba"))
    add_document(file, data, id="texte")
    _run_worker(portal)
    doc = file["texte"]
    assert doc.text_status == "done" and doc.text_method == "pdftotext"
    assert "/".join(doc.getPhysicalPath()) in _search(
        "clerk.pn", SearchableText="Kéniéba"
    )


def test_failure_is_shown_and_retried(functional, testdata, monkeypatch):
    from sirhp.content.documents import text as text_rules

    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    add_document(file, files.text_pdf(), id="echec")

    def broken(data, languages=None, tmpdir=None):
        raise text_rules.TextError("tesseract a échoué : langue fra absente")

    monkeypatch.setattr(text_rules, "extract_pdf", broken)
    _run_worker(portal)
    doc = file["echec"]
    assert doc.text_status == "failed"
    auth = ("clerk.pn", testdata.PASSWORD)
    page = requests.get(doc.absolute_url(), auth=auth, timeout=30)
    assert "Échec de l'extraction du texte" in page.text
    assert "langue fra absente" in page.text
    assert "Relancer l'extraction" in page.text
    retry = requests.post(
        f"{doc.absolute_url()}/@text-retry",
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert retry.status_code == 200 and retry.json()["text_status"] == "pending"
    monkeypatch.undo()
    _run_worker(portal)
    assert file["echec"].text_status == "done"


def test_upload_works_without_worker_and_queue_is_protected(functional, testdata):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    add_document(file, files.text_pdf(), id="attente")
    transaction.commit()
    # nobody processed it: it waits, visible in the queue for the worker only
    queue = requests.get(
        f"{portal.absolute_url()}/@text-queue",
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert any(i["@id"].endswith("/attente") for i in queue.json()["items"])
    for user in ("clerk.pn", "hrmanager.pn", "auditor"):
        refused = requests.get(
            f"{portal.absolute_url()}/@text-queue",
            auth=(user, testdata.PASSWORD),
            headers={"Accept": "application/json"},
            timeout=30,
        )
        assert refused.status_code in (401, 403)
    doc_url = file["attente"].absolute_url()
    forged = requests.post(
        f"{doc_url}/@text",
        json={"text": "faux"},
        auth=("clerk.pn", testdata.PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert forged.status_code in (401, 403)


# --- restricted document types -------------------------------------------------


@pytest.fixture
def restricted_doc(portal, testdata):
    """A validated medical certificate with a distinctive word in its text,
    in the validated file of officer A (PN)."""
    from sirhp.content.documents.storage import set_text

    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    doc = add_document(
        file,
        files.text_pdf(("Certificat médical", "Hypertension")),
        document_type="certificat-medical",
        id="medical",
    )
    set_text(doc, "Certificat médical : hypertension artérielle zyxwvu", "pdftotext")
    with api.env.adopt_user(username="hrmanager.pn"):
        api.content.transition(obj=doc, transition="submit")
    with api.env.adopt_roles(["Manager"]):
        # a second HR manager would validate (four eyes): Manager here
        api.content.transition(obj=doc, transition="validate")
    return doc


@pytest.fixture
def normal_doc(portal, testdata):
    from sirhp.content.documents.storage import set_text

    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    doc = add_document(file, files.text_pdf(), document_type="diplome", id="diplome")
    set_text(doc, "Diplôme de licence qwertzu", "pdftotext")
    with api.env.adopt_user(username="clerk.pn"):
        api.content.transition(obj=doc, transition="submit")
    with api.env.adopt_user(username="reviewer.pn"):
        api.content.transition(obj=doc, transition="validate")
    return doc


WHO_FINDS_RESTRICTED = {
    "hrmanager.pn": True,
    "auditor": True,
    "officer_a": True,  # the officer concerned
    "officer_b": False,  # another officer
    "clerk.pn": False,
    "reviewer.pn": False,
    "commander.pn": False,
    "clerk.ocs": False,
    "hrmanager.ocs": False,
}


def _login(testdata, persona):
    if persona == "officer_a":
        return testdata.FILES["pn_validated"]
    if persona == "officer_b":
        return testdata.FILES["pn_validated2"]
    return persona


@pytest.mark.parametrize("persona,finds", sorted(WHO_FINDS_RESTRICTED.items()))
def test_restricted_text_found_only_by_allowed(
    portal, testdata, restricted_doc, persona, finds
):
    login = _login(testdata, persona)
    path = "/".join(restricted_doc.getPhysicalPath())
    assert (path in _search(login, SearchableText="zyxwvu")) is finds
    assert (path in _search(login, document_type="certificat-medical")) is finds
    assert api.user.has_permission("View", username=login, obj=restricted_doc) is finds


def test_normal_document_seen_as_before(portal, testdata, normal_doc):
    path = "/".join(normal_doc.getPhysicalPath())
    for login in (
        "clerk.pn",
        "reviewer.pn",
        "commander.pn",
        testdata.FILES["pn_validated"],
    ):
        assert path in _search(login, SearchableText="qwertzu"), login
    for login in ("clerk.ocs", testdata.FILES["pn_validated2"]):
        assert path not in _search(login, SearchableText="qwertzu"), login


def test_sensitivity_change_reapplied(portal, testdata, normal_doc):
    """HR makes diplomas restricted: existing ones follow (control panel hook)."""
    from sirhp.content.documents.rules import sensitivity_changes
    from sirhp.policy.documents.security import reapply_types

    old = api.portal.get_registry_record("sirhp.document_types")
    new = [
        (line + "|restricted") if line.startswith("diplome|") else line for line in old
    ]
    api.portal.set_registry_record("sirhp.document_types", new)
    assert sensitivity_changes(old, new) == {"diplome"}
    assert reapply_types({"diplome"}) == 1
    path = "/".join(normal_doc.getPhysicalPath())
    assert path not in _search("clerk.pn", SearchableText="qwertzu")
    assert path in _search("hrmanager.pn", SearchableText="qwertzu")
    api.portal.set_registry_record("sirhp.document_types", old)
    reapply_types({"diplome"})
    assert path in _search("clerk.pn", SearchableText="qwertzu")


def test_officer_loses_restricted_document_when_file_archived(
    portal, testdata, restricted_doc
):
    file = restricted_doc.aq_parent
    officer = testdata.FILES["pn_validated"]
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=file, transition="archive")
    assert not api.user.has_permission("View", username=officer, obj=restricted_doc)
