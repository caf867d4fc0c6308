"""Documents without a date are listed like the others (newest first, the
undated last): on the file page, in Mon dossier, in the document search.

Lists were sorted on the optional ``document_date`` index, and a catalog
sort leaves out what its index does not hold: undated documents vanished.
"""

from datetime import date
from plone import api
import requests
from sirhp.content.documents.storage import set_text
from tests.documents import files
from tests.documents.conftest import add_document
import transaction


def _two_documents(portal, testdata, name):
    file = portal.unrestrictedTraverse(testdata.path_of(name))
    dated = add_document(
        file, files.text_pdf(), id="datee", document_date=date(2015, 2, 12)
    )
    undated = add_document(file, files.text_pdf(), id="sans-date")
    for doc in (dated, undated):
        set_text(doc, "Attestation de stage à Kati", "pdftotext")
        if name == "pn_validated":
            with api.env.adopt_user(username="clerk.pn"):
                api.content.transition(obj=doc, transition="submit")
            with api.env.adopt_user(username="reviewer.pn"):
                api.content.transition(obj=doc, transition="validate")
    transaction.commit()
    return file, dated, undated


def test_file_page_lists_undated_documents(functional, testdata):
    file, dated, undated = _two_documents(functional["portal"], testdata, "pn_draft")
    page = requests.get(
        file.absolute_url(), auth=("clerk.pn", testdata.PASSWORD), timeout=30
    ).text
    first = page.index(f'href="{dated.absolute_url()}"')
    assert first < page.index(f'href="{undated.absolute_url()}"')  # undated last


def test_mon_dossier_lists_undated_documents(functional, testdata):
    file, dated, undated = _two_documents(
        functional["portal"], testdata, "pn_validated"
    )
    officer = (testdata.FILES["pn_validated"], testdata.PASSWORD)
    base = functional["portal"].absolute_url()
    data = requests.get(
        f"{base}/@mon-dossier",
        auth=officer,
        headers={"Accept": "application/json"},
        timeout=30,
    ).json()
    text = str(data)
    assert dated.absolute_url() in text
    assert undated.absolute_url() in text


def test_search_finds_undated_documents(functional, testdata):
    _two_documents(functional["portal"], testdata, "pn_draft")
    base = f"{functional['portal'].absolute_url()}/police-nationale/@@recherche-pieces"
    page = requests.get(
        base, params={"q": "Kati"}, auth=("clerk.pn", testdata.PASSWORD), timeout=30
    ).text
    assert "2 pièce(s) trouvée(s)" in page
    # a date filter still means the document's own date
    dated_only = requests.get(
        base,
        params={"q": "Kati", "au": "2020-12-31"},
        auth=("clerk.pn", testdata.PASSWORD),
        timeout=30,
    ).text
    assert "1 pièce(s) trouvée(s)" in dated_only
