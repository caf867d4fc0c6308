"""The search page of records staff: full text, type, dates, agency/unit,
the file of each hit and a snippet; restricted documents stay hidden."""

from datetime import date
import requests
from sirhp.content.documents.storage import set_text
from tests.documents import files
from tests.documents.conftest import add_document
import transaction


def _docs(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    a = add_document(file, files.text_pdf(), id="a", document_date=date(2015, 2, 12))
    set_text(a, "Le baccalauréat obtenu à Ségou en 2015, mention bien.", "pdftotext")
    b = add_document(
        file,
        files.text_pdf(),
        id="b",
        document_type="certificat-medical",
        document_date=date(2016, 1, 1),
    )
    set_text(b, "Certificat médical délivré à Ségou", "pdftotext")
    transaction.commit()
    return a, b


def test_search_page(functional, testdata):
    portal = functional["portal"]
    _docs(portal, testdata)
    base = f"{portal.absolute_url()}/police-nationale/@@recherche-pieces"
    clerk = ("clerk.pn", testdata.PASSWORD)
    page = requests.get(base, params={"q": "ségou"}, auth=clerk, timeout=30).text
    assert "1 pièce(s) trouvée(s)" in page  # the medical certificate is hidden
    assert "Ségou en 2015" in page and testdata.FILES["pn_draft"] in page
    hr = requests.get(
        base,
        params={"q": "Ségou"},
        auth=("hrmanager.pn", testdata.PASSWORD),
        timeout=30,
    ).text
    assert "2 pièce(s) trouvée(s)" in hr
    dated = requests.get(
        base,
        params={"q": "Ségou", "du": "2016-01-01", "au": "2016-12-31"},
        auth=("hrmanager.pn", testdata.PASSWORD),
        timeout=30,
    ).text
    assert "1 pièce(s) trouvée(s)" in dated and "Certificat médical" in dated
    typed = requests.get(base, params={"type": "diplome"}, auth=clerk, timeout=30).text
    assert "1 pièce(s) trouvée(s)" in typed
    unit = portal.unrestrictedTraverse("police-nationale/dr-kayes")
    by_unit = requests.get(
        base, params={"q": "Ségou", "unite": unit.UID()}, auth=clerk, timeout=30
    ).text
    assert "0 pièce(s) trouvée(s)" in by_unit
    other = requests.get(
        f"{portal.absolute_url()}/@@recherche-pieces",
        params={"q": "Ségou"},
        auth=("clerk.ocs", testdata.PASSWORD),
        timeout=30,
    ).text
    assert "0 pièce(s) trouvée(s)" in other
